import { Inject, Injectable } from '@nestjs/common';
import { breakdownTable, LIVE_BUCKET_TABLES } from '@app/read-models';
import { Pool } from 'pg';
import { Range, Tiling, TILES } from '../shared/time-range';

export interface BreakdownRow {
  readonly value: string;
  readonly clicks: string;
  readonly bot_clicks: string;
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
    const parts: string[] = [];
    for (const [pieces, granularity] of TILES) {
      const ranges = tiling[pieces];
      if (ranges.length === 0) continue;
      const within = ranges.map((range: Range) => {
        params.push(new Date(range.from), new Date(range.to));
        return `(bucket_start >= $${params.length - 1} AND bucket_start < $${params.length})`;
      });
      parts.push(
        `SELECT value, clicks, bot_clicks FROM ${breakdownTable(LIVE_BUCKET_TABLES, granularity)}
          WHERE ad_id = $1 AND dimension = $2 AND (${within.join(' OR ')})`,
      );
    }
    const { rows } = await this.pool.query<BreakdownRow>(
      `SELECT value, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks
         FROM (${parts.join(' UNION ALL ')}) AS tiles
        GROUP BY value ORDER BY sum(clicks) DESC, value`,
      params,
    );
    return rows;
  }
}
