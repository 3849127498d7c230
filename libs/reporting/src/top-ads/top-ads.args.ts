import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ArgsType()
export class TopAdsArgs {
  @Field(() => Int, {
    defaultValue: 60,
    description: 'The window: the current minute and the lastMinutes - 1 before it (1 to 1440).',
  })
  @IsInt()
  @Min(1)
  @Max(1440)
  lastMinutes!: number;

  @Field(() => Int, { defaultValue: 10, description: '1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}
