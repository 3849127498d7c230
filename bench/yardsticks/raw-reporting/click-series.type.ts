import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ClickPoint')
export class ClickPointType {
  @Field()
  start!: Date;

  @Field(() => Float)
  clicks!: number;

  @Field(() => Float)
  botClicks!: number;

  @Field(() => Float)
  uniqueUsers!: number;
}

@ObjectType('ClickSeries')
export class ClickSeriesType {
  @Field(() => ID)
  adId!: string;

  @Field(() => Date)
  asOf!: Date;

  @Field(() => [ClickPointType])
  points!: ClickPointType[];
}
