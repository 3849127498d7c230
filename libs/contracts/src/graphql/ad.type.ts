import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The GraphQL view of an ad. It lives with the contracts because both sides answer with it:
 * the write side after a command, the read side from the ad catalog (which also resolves its
 * `totals`). It is a view, not an entity: each side maps its own data into it.
 */
@ObjectType('Ad')
export class AdView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  advertiserId!: string;

  @Field()
  name!: string;

  @Field()
  targetUrl!: string;

  @Field({ description: 'Clicks on a paused ad still redirect, and count as paused clicks.' })
  paused!: boolean;
}
