import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';

export const MAX_ADS_PAGE = 200;

@ArgsType()
export class AdsArgs {
  @Field(() => Int, { defaultValue: 100, description: `1 to ${MAX_ADS_PAGE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_ADS_PAGE)
  limit!: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset!: number;
}

@ArgsType()
export class AdArgs {
  @Field(() => ID)
  @IsAnyCaseUuid()
  id!: string;
}
