import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

export enum Dimension {
  COUNTRY = 'COUNTRY',
  DEVICE = 'DEVICE',
  PLACEMENT = 'PLACEMENT',
  BROWSER = 'BROWSER',
  OS = 'OS',
  REFERRER = 'REFERRER',
  /** Invalid clicks by reason; a click with several reasons is in each of their entries. */
  INVALID_REASON = 'INVALID_REASON',
}

registerEnumType(Dimension, { name: 'Dimension' });

@ObjectType('BreakdownEntry')
export class BreakdownEntryType {
  @Field({
    description:
      'A country code, a device class, a placement, a browser or OS name, a referrer host ("none": no referrer), an invalid reason (bot, prefetch, datacenter, too-fast, repeat), or "unknown" (not known: none given, or recorded before it was).',
  })
  value!: string;

  @Field(() => SafeInt, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => SafeInt, { description: COUNT_DESCRIPTION })
  botClicks!: number;

  @Field(() => SafeInt, {
    description: `Invalid clicks, whatever their reasons (bot clicks among them). ${COUNT_DESCRIPTION}`,
  })
  invalidClicks!: number;
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
      'Most clicked first (most invalid clicks first for INVALID_REASON). Every click in the ' +
      'range is in exactly one entry, so the entries add up to clickTotals over the same ' +
      'range; but for INVALID_REASON, whose entries hold invalid clicks only, each under every ' +
      'one of its reasons.',
  })
  entries!: BreakdownEntryType[];
}
