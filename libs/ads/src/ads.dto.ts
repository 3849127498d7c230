import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export class RegisterAdDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsString()
  @MaxLength(2048)
  targetUrl!: string;

  @IsOptional()
  @IsUUID()
  advertiserId?: string;
}

export class ChangeAdTargetDto {
  @IsString()
  @MaxLength(2048)
  targetUrl!: string;
}
