import { Field, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

@ObjectType('AdTotals', { description: "An ad's clicks over all time." })
export class AdTotalsType {
  @Field(() => SafeInt, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
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
