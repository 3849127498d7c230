import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdsReader } from '../shared/ads.reader';
import { FreshnessReader } from '../shared/freshness.reader';
import { checkRange, coveredRange, tile } from '../shared/time-range';
import { ClickTotalsReader } from './click-totals.reader';
import { ClickTotalsType } from './click-totals.type';
import { GetClickTotalsQuery } from './get-click-totals.query';

@QueryHandler(GetClickTotalsQuery)
export class GetClickTotalsHandler implements IQueryHandler<GetClickTotalsQuery> {
  constructor(
    @Inject(AdsReader) private readonly ads: AdsReader,
    @Inject(ClickTotalsReader) private readonly totals: ClickTotalsReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickTotalsQuery): Promise<ClickTotalsType> {
    const tiling = tile(checkRange(args.from, args.to));
    const adIds = [...new Set(args.adIds.map((id) => id.toLowerCase()))];
    // As for series: the access check beside the reads, freshness before the buckets.
    const [, { asOf, totals }] = await Promise.all([
      this.ads.requireVisible(principal, adIds),
      this.freshness.asOf().then(async (asOf) => ({
        asOf,
        totals: await this.totals.read(adIds, tiling),
      })),
    ]);
    return {
      ...coveredRange(tiling),
      asOf,
      ads: args.adIds.map((adId) => ({
        adId,
        ...(totals.get(adId.toLowerCase()) ?? { clicks: 0, botClicks: 0, uniqueUsers: 0 }),
      })),
    };
  }
}
