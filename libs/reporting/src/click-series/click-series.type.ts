import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';
import { Granularity } from '../shared/granularity.graphql';

@ObjectType('ClickPoint')
export class ClickPointType {
  @Field({ description: 'Start of the bucket (local midnight or hour in the series timezone).' })
  start!: Date;

  @Field(() => SafeInt, {
    description: `Valid clicks (with bot clicks when includeBots is true). ${COUNT_DESCRIPTION}`,
  })
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
      'Distinct users among valid clicks (HyperLogLog, ~1.6%); null when the series is ' +
      'filtered, since users are not kept per country, device or placement.',
  })
  uniqueUsers!: number | null;
}

@ObjectType('ClickSeries')
export class ClickSeriesType {
  @Field(() => ID)
  adId!: string;

  @Field(() => Granularity)
  granularity!: Granularity;

  @Field()
  timezone!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Every click recorded before this instant is counted (null: nothing projected yet).',
  })
  asOf!: Date | null;

  @Field(() => [ClickPointType], { description: 'One point per bucket in range, zero-filled.' })
  points!: ClickPointType[];
}
