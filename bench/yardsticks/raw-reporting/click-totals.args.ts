import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsDate } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';

/** The arguments the bench sends, validated as the product validates them. */
@ArgsType()
export class ClickTotalsArgs {
  @Field(() => [ID])
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @IsAnyCaseUuid({ each: true })
  adIds!: string[];

  @Field()
  @IsDate()
  from!: Date;

  @Field()
  @IsDate()
  to!: Date;
}
