import { Field, Float, ObjectType } from '@nestjs/graphql';
import { AdView } from '@app/contracts';
import { COUNT_DESCRIPTION } from '../shared/count';

@ObjectType('TopAd')
export class TopAdType {
  @Field(() => AdView)
  ad!: AdView;

  @Field(() => Float, { description: `Valid clicks in the window. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => Float, { description: COUNT_DESCRIPTION })
  botClicks!: number;

  @Field(() => Float)
  uniqueUsers!: number;
}
