import { Inject, Injectable } from '@nestjs/common';
import { LIVE_BUCKET_TABLES } from '@app/projections';
import DataLoader from 'dataloader';
import { Pool } from 'pg';
import { toCount } from '../shared/count';
import { uniqueUsers } from '../shared/sketches';
import { AdTotalsType } from './ad-totals.type';

/**
 * All-time totals per ad from the day buckets. One loader per GraphQL request (keyed by its
 * context object), so a list of 100 ads asking for totals costs one query, not 100.
 */
@Injectable()
export class AdTotalsLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, AdTotalsType>>();

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  load(requestContext: object, adId: string): Promise<AdTotalsType> {
    let loader = this.loaders.get(requestContext);
    if (!loader) {
      loader = new DataLoader((adIds) => this.totals(adIds));
      this.loaders.set(requestContext, loader);
    }
    return loader.load(adId);
  }

  private async totals(adIds: readonly string[]): Promise<AdTotalsType[]> {
    const { rows } = await this.pool.query<{
      ad_id: string;
      clicks: string;
      bot_clicks: string;
      users: Buffer[];
    }>(
      `SELECT ad_id, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks, array_agg(users) AS users
         FROM ${LIVE_BUCKET_TABLES.day} WHERE ad_id = ANY($1::uuid[]) GROUP BY ad_id`,
      [adIds],
    );
    const byId = new Map(rows.map((row) => [row.ad_id, row]));
    return adIds.map((adId) => {
      const row = byId.get(adId);
      return {
        clicks: toCount(row?.clicks),
        botClicks: toCount(row?.bot_clicks),
        uniqueUsers: uniqueUsers(row?.users ?? null),
      };
    });
  }
}
