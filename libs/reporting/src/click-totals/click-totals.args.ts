import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsDate, IsUUID } from 'class-validator';

export const MAX_TOTALS_ADS = 1000;

@ArgsType()
export class ClickTotalsArgs {
  @Field(() => [ID])
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_TOTALS_ADS)
  @IsUUID('all', { each: true })
  adIds!: string[];

  @Field({ description: 'Inclusive; rounded down to the minute.' })
  @IsDate()
  from!: Date;

  @Field({ description: 'Exclusive; rounded up to the minute.' })
  @IsDate()
  to!: Date;
}
