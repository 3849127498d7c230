import { Inject, Injectable } from '@nestjs/common';
import { LIVE_BUCKET_TABLES } from '@app/read-models';
import DataLoader from 'dataloader';
import { Pool } from 'pg';
import { BucketTotalsRow, sumPerAd } from '../click-totals/click-totals.reader';
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
    const { rows } = await this.pool.query<BucketTotalsRow>(
      `SELECT ad_id::text, clicks::float8, bot_clicks::float8, invalid_clicks::float8, users
               FROM ${LIVE_BUCKET_TABLES.day} WHERE ad_id = ANY($1::uuid[])`,
      [adIds],
    );
    const totals = sumPerAd(rows);
    return adIds.map(
      (adId) => totals.get(adId) ?? { clicks: 0, botClicks: 0, invalidClicks: 0, uniqueUsers: 0 },
    );
  }
}
