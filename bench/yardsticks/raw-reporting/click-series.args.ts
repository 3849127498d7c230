import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsDate, IsEnum } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';
import { Granularity } from './granularity';

/** The arguments the bench sends, validated as the product validates them. */
@ArgsType()
export class ClickSeriesArgs {
  @Field(() => ID)
  @IsAnyCaseUuid()
  adId!: string;

  @Field()
  @IsDate()
  from!: Date;

  @Field()
  @IsDate()
  to!: Date;

  @Field(() => Granularity)
  @IsEnum(Granularity)
  granularity!: Granularity;
}
