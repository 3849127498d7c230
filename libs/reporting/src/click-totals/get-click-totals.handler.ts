import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdsReader } from '../shared/ads.reader';
import { FreshnessReader } from '../shared/freshness.reader';
import { checkRange, coveredRange, tile } from '../shared/time-range';
import { keptFilter } from '../shared/click-filter';
import { ClickTotalsReader } from './click-totals.reader';
import { FilteredTotalsReader } from './filtered-totals.reader';
import { ClickTotalsType } from './click-totals.type';
import { GetClickTotalsQuery } from './get-click-totals.query';

@QueryHandler(GetClickTotalsQuery)
export class GetClickTotalsHandler implements IQueryHandler<GetClickTotalsQuery> {
  constructor(
    @Inject(AdsReader) private readonly ads: AdsReader,
    @Inject(ClickTotalsReader) private readonly totals: ClickTotalsReader,
    @Inject(FilteredTotalsReader) private readonly filtered: FilteredTotalsReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickTotalsQuery): Promise<ClickTotalsType> {
    const tiling = tile(checkRange(args.from, args.to));
    const filter = keptFilter(args.filter);
    const adIds = [...new Set(args.adIds.map((id) => id.toLowerCase()))];
    // As for series: the access check beside the reads, freshness before the buckets.
    const [, { asOf, totals }] = await Promise.all([
      this.ads.requireVisible(principal, adIds),
      this.freshness.asOf().then(async (asOf) => ({
        asOf,
        totals: filter
          ? await this.filtered.read(adIds, tiling, filter)
          : await this.totals.read(adIds, tiling),
      })),
    ]);
    return {
      ...coveredRange(tiling),
      asOf,
      ads: args.adIds.map((adId) => ({
        adId,
        clicks: 0,
        botClicks: 0,
        invalidClicks: 0,
        uniqueUsers: filter ? null : 0,
        ...totals.get(adId.toLowerCase()),
      })),
    };
  }
}
