import { GRANULARITIES, Granularity } from '@app/read-models';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { ExportRangeParams, upperCase } from './export-range.params';

/** The query string of a series export: the same questions `clickSeries` takes, as text. */
export class ExportSeriesParams extends ExportRangeParams {
  @Transform(upperCase)
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity!: Granularity;

  @IsString()
  @MaxLength(64)
  timezone: string = 'UTC';

  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'includeBots must be true or false' })
  includeBots: boolean = false;
}
