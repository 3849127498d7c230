import { Inject, Injectable } from '@nestjs/common';
import { breakdownTable, LIVE_BUCKET_TABLES } from '@app/read-models';
import { Pool } from 'pg';
import { KeptFilter } from '../shared/click-filter';
import { perTile, Tiling } from '../shared/time-range';

export interface FilteredTotals {
  readonly clicks: number;
  readonly botClicks: number;
  readonly invalidClicks: number;
}

/**
 * Clicks per ad with some values of one dimension, over the same tiles as the unfiltered
 * totals (whole days, whole hours, ragged minutes) but from the breakdown read models. No
 * unique users: breakdowns keep no sketches.
 */
@Injectable()
export class FilteredTotalsReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(
    adIds: readonly string[],
    tiling: Tiling,
    filter: KeptFilter,
  ): Promise<Map<string, FilteredTotals>> {
    const params: unknown[] = [adIds, filter.dimension, filter.values];
    const parts = perTile(
      tiling,
      params,
      (granularity, within) =>
        `SELECT ad_id, clicks, bot_clicks, invalid_clicks
           FROM ${breakdownTable(LIVE_BUCKET_TABLES, granularity)}
          WHERE ad_id = ANY($1::uuid[]) AND dimension = $2 AND value = ANY($3::text[])
            AND (${within})`,
    );
    const { rows } = await this.pool.query<{
      ad_id: string;
      clicks: number;
      bot_clicks: number;
      invalid_clicks: number;
    }>(
      `SELECT ad_id::text, sum(clicks)::float8 AS clicks, sum(bot_clicks)::float8 AS bot_clicks,
              sum(invalid_clicks)::float8 AS invalid_clicks
         FROM (${parts.join(' UNION ALL ')}) AS tiles
        GROUP BY ad_id`,
      params,
    );
    return new Map(
      rows.map((row) => [
        row.ad_id,
        { clicks: row.clicks, botClicks: row.bot_clicks, invalidClicks: row.invalid_clicks },
      ]),
    );
  }
}
