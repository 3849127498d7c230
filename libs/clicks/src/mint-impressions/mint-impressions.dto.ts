import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const MAX_BATCH = 1000;

/** What a click link may carry besides its ad (each field is signed into the token). */
class ImpressionAttributesDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[^|]*$/, { message: 'userId must not contain "|"' })
  userId?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "US"' })
  country?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[^|]*$/, { message: 'placement must not contain "|"' })
  placement?: string;
}

export class ImpressionRequestDto extends ImpressionAttributesDto {
  @IsUUID()
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
  @IsUUID()
  adId?: string;
}
