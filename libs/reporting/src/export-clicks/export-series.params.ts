import { GRANULARITIES, Granularity } from '@app/read-models';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import {
  BrowserValues,
  ClickFilterValues,
  CountryValues,
  DeviceValues,
  OsValues,
  PlacementValues,
  ReferrerValues,
} from '../shared/click-filter';
import { ExportRangeParams, upperCase } from './export-range.params';

/**
 * The query string of a series export: the same questions `clickSeries` takes, as text. A
 * filter is `country=US,DE` (or the parameter repeated), `device=…`, or `placement=…`,
 * `browser=…`, `os=…`, `referrer=…` repeated (names may hold commas and spaces: never split).
 */
export class ExportSeriesParams extends ExportRangeParams implements ClickFilterValues {
  @Transform(upperCase)
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity!: Granularity;

  @IsString()
  @MaxLength(64)
  timezone: string = 'UTC';

  @Transform(({ value }: { value: unknown }) => {
    const word = typeof value === 'string' ? value.toLowerCase() : value;
    return word === 'true' ? true : word === 'false' ? false : value;
  })
  @IsBoolean({ message: 'includeBots must be true or false' })
  includeBots: boolean = false;

  @CountryValues()
  country?: string[];

  @DeviceValues()
  device?: string[];

  @PlacementValues()
  placement?: string[];

  @BrowserValues()
  browser?: string[];

  @OsValues()
  os?: string[];

  @ReferrerValues()
  referrer?: string[];
}
