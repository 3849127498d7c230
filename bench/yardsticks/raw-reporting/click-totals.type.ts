import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('AdClickTotals')
export class AdClickTotalsType {
  @Field(() => ID)
  adId!: string;

  @Field(() => Float)
  clicks!: number;

  @Field(() => Float)
  botClicks!: number;

  @Field(() => Float)
  uniqueUsers!: number;
}

@ObjectType('ClickTotals')
export class ClickTotalsType {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => Date)
  asOf!: Date;

  @Field(() => [AdClickTotalsType])
  ads!: AdClickTotalsType[];
}
