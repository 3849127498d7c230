import { IsString, MaxLength } from 'class-validator';

/** The REST body of `PUT /v1/ads/:adId/target`. */
export class ChangeAdTargetDto {
  @IsString()
  @MaxLength(2048)
  targetUrl!: string;
}
