import { Inject, Injectable } from '@nestjs/common';
import { breakdownTable, LIVE_BUCKET_TABLES } from '@app/read-models';
import { Pool } from 'pg';
import { perTile, Tiling } from '../shared/time-range';

export interface BreakdownRow {
  readonly value: string;
  readonly clicks: string;
  readonly bot_clicks: string;
  readonly invalid_clicks: string;
}

/**
 * Clicks per value of one dimension over a tiled range: whole days from click_breakdown_day,
 * whole hours from click_breakdown_hour, ragged minutes from click_breakdown_minute, the same
 * tiles clickTotals reads, so the values add up to its totals over the same range.
 */
@Injectable()
export class ClickBreakdownReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(adId: string, dimension: string, tiling: Tiling): Promise<BreakdownRow[]> {
    const params: unknown[] = [adId, dimension];
    const parts = perTile(
      tiling,
      params,
      (granularity, within) =>
        `SELECT value, clicks, bot_clicks, invalid_clicks FROM ${breakdownTable(LIVE_BUCKET_TABLES, granularity)}
          WHERE ad_id = $1 AND dimension = $2 AND (${within})`,
    );
    const { rows } = await this.pool.query<BreakdownRow>(
      `SELECT value, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks,
              sum(invalid_clicks) AS invalid_clicks
         FROM (${parts.join(' UNION ALL ')}) AS tiles
        GROUP BY value ORDER BY sum(clicks) DESC, sum(invalid_clicks) DESC, value`,
      params,
    );
    return rows;
  }
}
