import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

/** The arguments the bench sends, validated as the product validates them. */
@ArgsType()
export class TopAdsArgs {
  @Field(() => Int, { defaultValue: 60 })
  @IsInt()
  @Min(1)
  @Max(1440)
  lastMinutes!: number;

  @Field(() => Int, { defaultValue: 10 })
  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}
