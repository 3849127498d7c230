import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsString, MaxLength } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';
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
      'IANA zone; days and hours start at local midnight and on the local hour (DST-correct). ' +
      'Hour and day series need a zone that is a whole number of hours from UTC.',
  })
  @IsString()
  @MaxLength(64)
  timezone!: string;

  @Field({ defaultValue: false, description: 'Count bot clicks in `clicks` too.' })
  @IsBoolean()
  includeBots!: boolean;
}
