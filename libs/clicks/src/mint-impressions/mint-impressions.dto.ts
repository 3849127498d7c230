import { Type } from 'class-transformer';
import { CLAIM_FIELD, CLAIM_FIELD_RULE } from '@app/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsAnyCaseUuid } from '@app/runtime';

export const MAX_BATCH = 1000;

/** What a click link may carry besides its ad (each field is signed into the token). */
class ImpressionAttributesDto {
  // The token's own rule, so that what passes here can always be signed.
  @IsOptional()
  @IsString()
  @Matches(CLAIM_FIELD, { message: `userId ${CLAIM_FIELD_RULE}` })
  userId?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "US"' })
  country?: string;

  @IsOptional()
  @IsString()
  @Matches(CLAIM_FIELD, { message: `placement ${CLAIM_FIELD_RULE}` })
  placement?: string;
}

export class ImpressionRequestDto extends ImpressionAttributesDto {
  @IsAnyCaseUuid()
  adId!: string;
}

/** Either one impression (the fields at the top level) or `impressions: [...]`, up to 1000. */
export class MintImpressionsDto extends ImpressionAttributesDto {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `at most ${MAX_BATCH} impressions per request` })
  @ValidateNested({ each: true })
  @Type(() => ImpressionRequestDto)
  impressions?: ImpressionRequestDto[];

  @IsOptional()
  @IsAnyCaseUuid()
  adId?: string;
}
