import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsAnyCaseUuid } from '@app/runtime';

/** The ad a GraphQL mutation acts on. */
@ArgsType()
export class AdIdArgs {
  @Field(() => ID)
  @IsAnyCaseUuid()
  adId!: string;
}
