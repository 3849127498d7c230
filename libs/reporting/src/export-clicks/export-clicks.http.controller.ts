import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@app/access';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { GetClickSeriesQuery } from '../click-series/get-click-series.query';
import { ClickSeriesType } from '../click-series/click-series.type';
import { ExportFormat, exportFile } from './export-format';
import { ExportSeriesParams } from './export-series.params';
import { localIso } from './local-time';

interface SeriesRow extends Record<string, string | number | null> {
  readonly start: string;
  readonly clicks: number;
  readonly bot_clicks: number;
  /** Null (an empty CSV cell) when the series is filtered: users are not kept per value. */
  readonly unique_users: number | null;
  readonly invalid_clicks: number;
}

// invalid_clicks last: a reader of the earlier columns by position reads them as before.
const SERIES_COLUMNS = ['start', 'clicks', 'bot_clicks', 'unique_users', 'invalid_clicks'] as const;

/**
 * A click series as a file, for scripts and spreadsheets: the `clickSeries` query itself
 * (same key, same visibility, same range and point limits, same errors as JSON 4xx), written
 * out as CSV or NDJSON. `start` is the bucket's start in the asked zone, with its offset.
 */
@Controller('v1/ads')
export class ExportClicksHttpController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':adId/clicks.csv')
  @Header('Cache-Control', 'no-store')
  csv(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
    @Query() params: ExportSeriesParams,
  ) {
    return this.series('csv', principal, adId, params);
  }

  @Get(':adId/clicks.ndjson')
  @Header('Cache-Control', 'no-store')
  ndjson(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
    @Query() params: ExportSeriesParams,
  ) {
    return this.series('ndjson', principal, adId, params);
  }

  private async series(
    format: ExportFormat,
    principal: Principal,
    adId: string,
    params: ExportSeriesParams,
  ) {
    const series: ClickSeriesType = await this.queries.execute(
      new GetClickSeriesQuery(principal, {
        adId,
        ...params,
        filter: {
          country: params.country,
          device: params.device,
          placement: params.placement,
          browser: params.browser,
          os: params.os,
          referrer: params.referrer,
        },
      }),
    );
    const rows = series.points.map((point): SeriesRow => ({
      start: localIso(point.start, series.timezone),
      clicks: point.clicks,
      bot_clicks: point.botClicks,
      unique_users: point.uniqueUsers,
      invalid_clicks: point.invalidClicks,
    }));
    const name = `clicks-${adId}-${series.granularity.toLowerCase()}`;
    return exportFile(format, SERIES_COLUMNS, rows, name);
  }
}
