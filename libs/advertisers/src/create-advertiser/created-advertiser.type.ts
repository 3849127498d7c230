import { Field, ObjectType } from '@nestjs/graphql';
import { AdvertiserView } from '@app/contracts';

@ObjectType('CreatedAdvertiser')
export class CreatedAdvertiserType {
  @Field(() => AdvertiserView)
  advertiser!: AdvertiserView;

  @Field({ description: 'Shown once: only its hash is stored. Keep it.' })
  apiKey!: string;
}
