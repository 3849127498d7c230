import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

@ObjectType('AdClickTotals')
export class AdClickTotalsType {
  @Field(() => ID)
  adId!: string;

  @Field(() => SafeInt, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => SafeInt, { description: COUNT_DESCRIPTION })
  botClicks!: number;

  @Field(() => SafeInt, {
    description: `Invalid clicks, whatever their reasons (bot clicks among them). ${COUNT_DESCRIPTION}`,
  })
  invalidClicks!: number;

  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Distinct users over the whole range: sketches merged, not summed. Null when filtered: ' +
      'users are not kept per country, device or placement.',
  })
  uniqueUsers!: number | null;
}

@ObjectType('ClickTotals')
export class ClickTotalsType {
  @Field({ description: '`from`, rounded down to the minute.' })
  from!: Date;

  @Field({ description: '`to`, rounded up to the minute.' })
  to!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Every click recorded before this instant is counted (null: nothing projected yet).',
  })
  asOf!: Date | null;

  @Field(() => [AdClickTotalsType], { description: 'One entry per ad asked for, in that order.' })
  ads!: AdClickTotalsType[];
}
