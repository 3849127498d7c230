import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The GraphQL view of an advertiser. With the contracts, like AdView, because both sides answer
 * with it: the write side when one is created, the read side as the owner of an ad.
 */
@ObjectType('Advertiser')
export class AdvertiserView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}
