import { GRANULARITIES, Granularity } from '@app/read-models';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsString, MaxLength } from 'class-validator';

/** The query string of a series export: the same questions `clickSeries` takes, as text. */
export class ExportSeriesParams {
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' })
  from!: Date;

  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time, e.g. 2026-12-02T00:00:00Z' })
  to!: Date;

  // Any case: a URL typed by hand says ?granularity=hour as often as HOUR.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
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
