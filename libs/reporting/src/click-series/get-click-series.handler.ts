import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReportingError, ReportingErrorCode } from '../reporting.error';
import { AdCatalogReader } from '../shared/ad-catalog.reader';
import { toCount } from '../shared/count';
import { FreshnessReader } from '../shared/freshness.reader';
import { uniqueUsers } from '../shared/sketches';
import { checkRange, checkSeriesPoints } from '../shared/time-range';
import { Timezones } from '../shared/timezones';
import { ClickSeriesReader } from './click-series.reader';
import { ClickSeriesType } from './click-series.type';
import { GetClickSeriesQuery } from './get-click-series.query';

@QueryHandler(GetClickSeriesQuery)
export class GetClickSeriesHandler implements IQueryHandler<GetClickSeriesQuery> {
  constructor(
    @Inject(AdCatalogReader) private readonly catalog: AdCatalogReader,
    @Inject(Timezones) private readonly timezones: Timezones,
    @Inject(ClickSeriesReader) private readonly series: ClickSeriesReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickSeriesQuery): Promise<ClickSeriesType> {
    const range = checkRange(args.from, args.to);
    checkSeriesPoints(range, args.granularity);
    const timezone = await this.timezones.resolve(args.timezone);
    await this.catalog.requireVisible(principal, [args.adId]);
    // Freshness first: the buckets read after it are at least as current as it says.
    const asOf = await this.freshness.asOf();
    const rows = await this.series.read(args.adId, range, args.granularity, timezone);
    if (rows.some((row) => !row.aligned))
      throw new ReportingError(
        ReportingErrorCode.UnsupportedTimezoneOffset,
        `${timezone} is not a whole number of hours from UTC in this range; hour and day ` +
          'series need whole-hour offsets (minute series work in any zone)',
      );
    return {
      adId: args.adId,
      granularity: args.granularity,
      timezone,
      asOf,
      points: rows.map((row) => {
        const botClicks = toCount(row.bot_clicks);
        return {
          start: row.start,
          clicks: toCount(row.clicks) + (args.includeBots ? botClicks : 0),
          botClicks,
          uniqueUsers: uniqueUsers(row.users),
        };
      }),
    };
  }
}
