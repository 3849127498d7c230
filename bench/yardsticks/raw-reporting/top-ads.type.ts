import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Ad')
export class RawAdType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('TopAd')
export class TopAdType {
  @Field(() => RawAdType)
  ad!: RawAdType;

  @Field(() => Float)
  clicks!: number;

  @Field(() => Float)
  botClicks!: number;

  @Field(() => Float)
  uniqueUsers!: number;
}
