import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

export enum Dimension {
  COUNTRY = 'COUNTRY',
  DEVICE = 'DEVICE',
  PLACEMENT = 'PLACEMENT',
}

registerEnumType(Dimension, { name: 'Dimension' });

@ObjectType('BreakdownEntry')
export class BreakdownEntryType {
  @Field({
    description: 'A country code, a device class, a placement, or "unknown" (none was given).',
  })
  value!: string;

  @Field(() => SafeInt, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => SafeInt, { description: COUNT_DESCRIPTION })
  botClicks!: number;
}

@ObjectType('ClickBreakdown')
export class ClickBreakdownType {
  @Field({ description: '`from`, rounded down to the minute: the range covered starts here.' })
  from!: Date;

  @Field({ description: '`to`, rounded up to the minute: the range covered ends here.' })
  to!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Every click recorded before this instant is counted (null: nothing projected yet).',
  })
  asOf!: Date | null;

  @Field(() => Dimension)
  dimension!: Dimension;

  @Field(() => [BreakdownEntryType], {
    description:
      'Most clicked first. Every click in the range is in exactly one entry: the entries add ' +
      'up to clickTotals over the same range.',
  })
  entries!: BreakdownEntryType[];
}
