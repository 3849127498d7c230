import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Advertiser')
export class AdvertiserType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('CreatedAdvertiser')
export class CreatedAdvertiserType {
  @Field(() => AdvertiserType)
  advertiser!: AdvertiserType;

  @Field({ description: 'Shown once: only its hash is stored. Keep it.' })
  apiKey!: string;
}
