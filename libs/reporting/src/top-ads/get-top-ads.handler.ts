import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdsReader } from '../shared/ads.reader';
import { toCount, usersAmong } from '../shared/count';
import { Granularity, UNIT_MS } from '@app/read-models';
import { GetTopAdsQuery } from './get-top-ads.query';
import { TopAdsReader } from './top-ads.reader';
import { TopAdType } from './top-ads.type';

@QueryHandler(GetTopAdsQuery)
export class GetTopAdsHandler implements IQueryHandler<GetTopAdsQuery> {
  constructor(
    @Inject(TopAdsReader) private readonly reader: TopAdsReader,
    @Inject(AdsReader) private readonly ads: AdsReader,
  ) {}

  async execute({ principal, args }: GetTopAdsQuery): Promise<TopAdType[]> {
    const minute = UNIT_MS[Granularity.MINUTE];
    const since = new Date(
      Math.floor(Date.now() / minute) * minute - (args.lastMinutes - 1) * minute,
    );
    const top = await this.reader.top(principal, since, args.limit);
    if (top.length === 0) return [];
    const adIds = top.map((row) => row.ad_id);
    const [users, ads] = await Promise.all([
      this.reader.uniqueUsers(adIds, since),
      this.ads.visibleByIds(principal, adIds),
    ]);
    const adsById = new Map(ads.map((ad) => [ad.id, ad]));
    // The operator's ranking can include clicks on ads the catalog has not caught up with yet;
    // those have no name to show, so they are left out rather than shown half-empty.
    return top.flatMap((row) => {
      const ad = adsById.get(row.ad_id);
      if (!ad) return [];
      return [
        {
          ad,
          clicks: toCount(row.clicks),
          botClicks: toCount(row.bot_clicks),
          invalidClicks: toCount(row.invalid_clicks),
          uniqueUsers: usersAmong(users.get(row.ad_id) ?? 0, toCount(row.clicks)),
        },
      ];
    });
  }
}
