import { IsString, Length } from 'class-validator';

export class CreateAdvertiserDto {
  @IsString()
  @Length(1, 200)
  name!: string;
}
