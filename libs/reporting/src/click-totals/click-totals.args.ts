import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsDate, IsOptional, ValidateNested } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';
import { ClickFilterInput } from '../shared/click-filter';

export const MAX_TOTALS_ADS = 1000;

@ArgsType()
export class ClickTotalsArgs {
  @Field(() => [ID])
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_TOTALS_ADS)
  @IsAnyCaseUuid({ each: true })
  adIds!: string[];

  @Field({ description: 'Inclusive; rounded down to the minute.' })
  @IsDate()
  from!: Date;

  @Field({ description: 'Exclusive; rounded up to the minute.' })
  @IsDate()
  to!: Date;

  @Field(() => ClickFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClickFilterInput)
  filter?: ClickFilterInput;
}
