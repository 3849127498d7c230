import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsStorableText } from '@app/runtime';

/** The same input over REST (body) and GraphQL (arguments). */
@ArgsType()
export class CreateAdvertiserDto {
  @Field()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  name!: string;
}
