import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReportingError, ReportingErrorCode } from '../reporting.error';
import { AdsReader } from '../shared/ads.reader';
import { FreshnessReader } from '../shared/freshness.reader';
import { checkRange, checkSeriesPoints } from '../shared/time-range';
import { Timezones } from '../shared/timezones';
import { keptFilter } from '../shared/click-filter';
import { ClickSeriesReader } from './click-series.reader';
import { FilteredSeriesReader } from './filtered-series.reader';
import { ClickSeriesType } from './click-series.type';
import { GetClickSeriesQuery } from './get-click-series.query';
import { usersAmong } from '../shared/count';

@QueryHandler(GetClickSeriesQuery)
export class GetClickSeriesHandler implements IQueryHandler<GetClickSeriesQuery> {
  constructor(
    @Inject(AdsReader) private readonly ads: AdsReader,
    @Inject(Timezones) private readonly timezones: Timezones,
    @Inject(ClickSeriesReader) private readonly series: ClickSeriesReader,
    @Inject(FilteredSeriesReader) private readonly filtered: FilteredSeriesReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickSeriesQuery): Promise<ClickSeriesType> {
    const range = checkRange(args.from, args.to);
    checkSeriesPoints(range, args.granularity);
    const filter = keptFilter(args.filter);
    const timezone = await this.timezones.resolve(args.timezone);
    // The access check runs beside the reads (nothing is returned unless it passes). Freshness
    // is taken before the buckets are read, so they are at least as current as it says.
    const [, { asOf, points }] = await Promise.all([
      this.ads.requireVisible(principal, [args.adId]),
      this.freshness.asOf().then(async (asOf) => ({
        asOf,
        points: filter
          ? await this.filtered.read(args.adId, range, args.granularity, timezone, filter)
          : await this.series.read(args.adId, range, args.granularity, timezone),
      })),
    ]);
    // Every current offset is a multiple of 15 minutes, and every DST change but Lord Howe
    // Island's moves the clock by whole hours; what is left (local mean time before standard
    // time, that island's half-hour change, Nepal's 1986 move to +5:45) gives buckets that are
    // not local hours or midnights, or that stored hours cannot cut: refused, never mislabelled.
    if (points.some((point) => !point.aligned))
      throw new ReportingError(
        ReportingErrorCode.UnsupportedTimezoneOffset,
        `in ${timezone}, this range has ${args.granularity.toLowerCase()}s that do not start ` +
          'on a local hour (or midnight) a whole number of quarter hours from UTC, which is what ' +
          'hour and day series are cut from; use a minute series for this range',
      );
    return {
      adId: args.adId,
      granularity: args.granularity,
      timezone,
      asOf,
      points: points.map((point) => ({
        start: point.start,
        clicks: point.clicks + (args.includeBots ? point.botClicks : 0),
        botClicks: point.botClicks,
        invalidClicks: point.invalidClicks,
        uniqueUsers:
          point.uniqueUsers === null ? null : usersAmong(point.uniqueUsers, point.clicks),
      })),
    };
  }
}
