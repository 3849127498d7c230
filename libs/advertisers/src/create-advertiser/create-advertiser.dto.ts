import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

/** The same input over REST (body) and GraphQL (arguments). */
@ArgsType()
export class CreateAdvertiserDto {
  @Field()
  @IsString()
  @Length(1, 200)
  name!: string;
}
