import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@app/access';
import { AD_CATALOG_TABLE, LIVE_BUCKET_TABLES, SketchUnion } from '@app/read-models';
import { Pool } from 'pg';

export interface TopAdRow {
  readonly ad_id: string;
  readonly clicks: string;
  readonly bot_clicks: string;
  readonly invalid_clicks: string;
}

/**
 * The most clicked ads since a minute, from the minute buckets (indexed on bucket_start, so
 * the window is a range scan whatever the number of ads). An advertiser's ranking is joined
 * to the catalog, so other advertisers' ads are never ranked, let alone shown.
 */
@Injectable()
export class TopAdsReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async top(principal: Principal, since: Date, limit: number): Promise<TopAdRow[]> {
    const minute = LIVE_BUCKET_TABLES.minute;
    const { rows } =
      principal.kind === 'admin'
        ? await this.pool.query<TopAdRow>(
            `SELECT ad_id, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks,
                    sum(invalid_clicks) AS invalid_clicks
               FROM ${minute} WHERE bucket_start >= $1
              GROUP BY ad_id HAVING sum(clicks) > 0
              ORDER BY sum(clicks) DESC, ad_id LIMIT $2`,
            [since, limit],
          )
        : await this.pool.query<TopAdRow>(
            `SELECT m.ad_id, sum(m.clicks) AS clicks, sum(m.bot_clicks) AS bot_clicks,
                    sum(m.invalid_clicks) AS invalid_clicks
               FROM ${minute} m JOIN ${AD_CATALOG_TABLE} c ON c.ad_id = m.ad_id
              WHERE m.bucket_start >= $1 AND c.advertiser_id = $3
              GROUP BY m.ad_id HAVING sum(m.clicks) > 0
              ORDER BY sum(m.clicks) DESC, m.ad_id LIMIT $2`,
            [since, limit, principal.advertiserId],
          );
    return rows;
  }

  /** The window's user sketches, for the few ads that made the list. */
  async uniqueUsers(adIds: readonly string[], since: Date): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ ad_id: string; users: Buffer }>(
      `SELECT ad_id::text, users FROM ${LIVE_BUCKET_TABLES.minute}
              WHERE ad_id = ANY($1::uuid[]) AND bucket_start >= $2`,
      [adIds, since],
    );
    const unions = new Map<string, SketchUnion>();
    for (const row of rows) {
      let union = unions.get(row.ad_id);
      if (!union) unions.set(row.ad_id, (union = new SketchUnion()));
      union.add(row.users);
    }
    return new Map([...unions].map(([adId, union]) => [adId, union.estimate()]));
  }
}
