import { Field, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { AdView } from '@app/contracts';
import { COUNT_DESCRIPTION } from '../shared/count';

@ObjectType('TopAd')
export class TopAdType {
  @Field(() => AdView)
  ad!: AdView;

  @Field(() => SafeInt, { description: `Valid clicks in the window. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => SafeInt, { description: COUNT_DESCRIPTION })
  botClicks!: number;

  @Field(() => SafeInt, {
    description: `Invalid clicks, whatever their reasons (bot clicks among them). ${COUNT_DESCRIPTION}`,
  })
  invalidClicks!: number;

  @Field(() => SafeInt)
  uniqueUsers!: number;
}
