import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsAnyCaseUuid, IsStorableText } from '@app/runtime';

/** The same input over REST (body) and GraphQL (`registerAd(input: …)`). */
@InputType('RegisterAdInput')
export class RegisterAdDto {
  @Field()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  name!: string;

  @Field()
  @IsString()
  @MaxLength(2048)
  targetUrl!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Operator only: the advertiser to register the ad for.',
  })
  @IsOptional()
  @IsAnyCaseUuid()
  advertiserId?: string;
}
