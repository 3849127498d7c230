import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdsReader } from '../shared/ads.reader';
import { toCount } from '../shared/count';
import { FreshnessReader } from '../shared/freshness.reader';
import { checkRange, coveredRange, tile } from '../shared/time-range';
import { ClickBreakdownReader } from './click-breakdown.reader';
import { ClickBreakdownType, Dimension } from './click-breakdown.type';
import { GetClickBreakdownQuery } from './get-click-breakdown.query';

const STORED_DIMENSION: Record<Dimension, string> = {
  [Dimension.COUNTRY]: 'country',
  [Dimension.DEVICE]: 'device',
  [Dimension.PLACEMENT]: 'placement',
  [Dimension.BROWSER]: 'browser',
  [Dimension.OS]: 'os',
  [Dimension.REFERRER]: 'referrer',
  [Dimension.INVALID_REASON]: 'invalid_reason',
};

/** Clicks by country, device, placement, browser, OS, referrer or invalid reason over the range asked (to the minute), most clicked first. */
@QueryHandler(GetClickBreakdownQuery)
export class GetClickBreakdownHandler implements IQueryHandler<GetClickBreakdownQuery> {
  constructor(
    @Inject(AdsReader) private readonly ads: AdsReader,
    @Inject(ClickBreakdownReader) private readonly breakdowns: ClickBreakdownReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickBreakdownQuery): Promise<ClickBreakdownType> {
    const tiling = tile(checkRange(args.from, args.to));
    // As for totals: the access check beside the reads, freshness before the rows.
    const [, { asOf, rows }] = await Promise.all([
      this.ads.requireVisible(principal, [args.adId]),
      this.freshness.asOf().then(async (asOf) => ({
        asOf,
        rows: await this.breakdowns.read(args.adId, STORED_DIMENSION[args.dimension], tiling),
      })),
    ]);
    return {
      ...coveredRange(tiling),
      asOf,
      dimension: args.dimension,
      entries: rows.map((row) => ({
        value: row.value,
        clicks: toCount(row.clicks),
        botClicks: toCount(row.bot_clicks),
        invalidClicks: toCount(row.invalid_clicks),
      })),
    };
  }
}
