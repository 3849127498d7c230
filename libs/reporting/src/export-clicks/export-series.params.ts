import { GRANULARITIES, Granularity } from '@app/read-models';
import { DATE_TIME_EXPECTED, parseDateTime } from '@app/runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsString, MaxLength } from 'class-validator';

/** The query string of a series export: the same questions `clickSeries` takes, as text. */
export class ExportSeriesParams {
  // The GraphQL DateTime's rule, not `new Date()`'s: that one takes "1", "Dec 1" and Feb 30.
  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `from must be ${DATE_TIME_EXPECTED}` })
  from!: Date;

  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `to must be ${DATE_TIME_EXPECTED}` })
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
