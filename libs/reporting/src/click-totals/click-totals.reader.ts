import { Inject, Injectable } from '@nestjs/common';
import { bucketTable, LIVE_BUCKET_TABLES, SketchUnion } from '@app/read-models';
import { Pool } from 'pg';
import { perTile, Tiling } from '../shared/time-range';
import { usersAmong } from '../shared/count';

export interface AdTotals {
  readonly clicks: number;
  readonly botClicks: number;
  readonly invalidClicks: number;
  readonly uniqueUsers: number;
}

/**
 * Clicks and users per ad over a tiled range: whole days from click_day, whole hours from
 * click_hour, ragged minutes from click_minute, in one statement. Each bucket comes back as a
 * row (no array_agg: one bytea each parses fast, an array of them does not) and the sketches of an ad are merged here.
 */
@Injectable()
export class ClickTotalsReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(adIds: readonly string[], tiling: Tiling): Promise<Map<string, AdTotals>> {
    const params: unknown[] = [adIds];
    const parts = perTile(
      tiling,
      params,
      (granularity, within) =>
        `SELECT ad_id::text, clicks::float8, bot_clicks::float8, invalid_clicks::float8, users
           FROM ${bucketTable(LIVE_BUCKET_TABLES, granularity)}
          WHERE ad_id = ANY($1::uuid[]) AND (${within})`,
    );
    const { rows } = await this.pool.query<BucketTotalsRow>(parts.join(' UNION ALL '), params);
    return sumPerAd(rows);
  }
}

/** A bucket's counts and sketch, as the totals read them. */
export interface BucketTotalsRow {
  readonly ad_id: string;
  readonly clicks: number;
  readonly bot_clicks: number;
  readonly invalid_clicks: number;
  readonly users: Buffer;
}

/** Bucket rows of several ads to one total per ad (sums for counts, a union for users). */
export function sumPerAd(rows: readonly BucketTotalsRow[]): Map<string, AdTotals> {
  const acc = new Map<
    string,
    { clicks: number; botClicks: number; invalidClicks: number; users: SketchUnion }
  >();
  for (const row of rows) {
    let entry = acc.get(row.ad_id);
    if (!entry) {
      entry = { clicks: 0, botClicks: 0, invalidClicks: 0, users: new SketchUnion() };
      acc.set(row.ad_id, entry);
    }
    entry.clicks += row.clicks;
    entry.botClicks += row.bot_clicks;
    entry.invalidClicks += row.invalid_clicks;
    entry.users.add(row.users);
  }
  return new Map(
    [...acc].map(([adId, e]) => [
      adId,
      {
        clicks: e.clicks,
        botClicks: e.botClicks,
        invalidClicks: e.invalidClicks,
        uniqueUsers: usersAmong(e.users.estimate(), e.clicks),
      },
    ]),
  );
}
