import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';
import { ClickFilterInput } from '../shared/click-filter';
import { Granularity } from '../shared/granularity.graphql';

@ArgsType()
export class ClickSeriesArgs {
  @Field(() => ID)
  @IsAnyCaseUuid()
  adId!: string;

  @Field({ description: 'Inclusive; rounded down to the start of its bucket.' })
  @IsDate()
  from!: Date;

  @Field({ description: 'Exclusive; the last bucket is the one holding the instant before it.' })
  @IsDate()
  to!: Date;

  @Field(() => Granularity)
  @IsEnum(Granularity)
  granularity!: Granularity;

  @Field({
    defaultValue: 'UTC',
    description:
      'IANA zone (legacy aliases such as Asia/Calcutta accepted); days and hours start at local ' +
      'midnight and on the local hour (DST-correct), in any zone, 30- and 45-minute offsets included.',
  })
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @Field({ defaultValue: false, description: 'Count bot clicks in `clicks` too.' })
  @IsBoolean()
  includeBots!: boolean;

  @Field(() => ClickFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClickFilterInput)
  filter?: ClickFilterInput;
}
