import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsDate, IsEnum } from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';
import { Dimension } from './click-breakdown.type';

@ArgsType()
export class ClickBreakdownArgs {
  @Field(() => ID)
  @IsAnyCaseUuid()
  adId!: string;

  @Field({ description: 'Inclusive; rounded down to the minute.' })
  @IsDate()
  from!: Date;

  @Field({ description: 'Exclusive; rounded up to the minute.' })
  @IsDate()
  to!: Date;

  @Field(() => Dimension)
  @IsEnum(Dimension)
  dimension!: Dimension;
}
