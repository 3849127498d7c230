import { Field, Float, ObjectType } from '@nestjs/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

@ObjectType('AdTotals', { description: "An ad's clicks over all time." })
export class AdTotalsType {
  @Field(() => Float, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => Float, { description: COUNT_DESCRIPTION })
  botClicks!: number;

  @Field(() => Float)
  uniqueUsers!: number;
}
