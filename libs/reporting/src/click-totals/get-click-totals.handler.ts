import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdCatalogReader } from '../shared/ad-catalog.reader';
import { toCount } from '../shared/count';
import { FreshnessReader } from '../shared/freshness.reader';
import { uniqueUsers } from '../shared/sketches';
import { checkRange, tile } from '../shared/time-range';
import { ClickTotalsReader } from './click-totals.reader';
import { ClickTotalsType } from './click-totals.type';
import { GetClickTotalsQuery } from './get-click-totals.query';

@QueryHandler(GetClickTotalsQuery)
export class GetClickTotalsHandler implements IQueryHandler<GetClickTotalsQuery> {
  constructor(
    @Inject(AdCatalogReader) private readonly catalog: AdCatalogReader,
    @Inject(ClickTotalsReader) private readonly totals: ClickTotalsReader,
    @Inject(FreshnessReader) private readonly freshness: FreshnessReader,
  ) {}

  async execute({ principal, args }: GetClickTotalsQuery): Promise<ClickTotalsType> {
    const tiling = tile(checkRange(args.from, args.to));
    const adIds = [...new Set(args.adIds.map((id) => id.toLowerCase()))];
    await this.catalog.requireVisible(principal, adIds);
    const asOf = await this.freshness.asOf();
    const rows = new Map((await this.totals.read(adIds, tiling)).map((r) => [r.ad_id, r]));
    const pieces = [...tiling.minute, ...tiling.hour, ...tiling.day];
    return {
      from: new Date(Math.min(...pieces.map((p) => p.from))),
      to: new Date(Math.max(...pieces.map((p) => p.to))),
      asOf,
      ads: args.adIds.map((adId) => {
        const row = rows.get(adId.toLowerCase());
        return {
          adId,
          clicks: toCount(row?.clicks),
          botClicks: toCount(row?.bot_clicks),
          uniqueUsers: uniqueUsers(row?.users ?? null),
        };
      }),
    };
  }
}
