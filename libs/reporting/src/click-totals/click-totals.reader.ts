import { Inject, Injectable } from '@nestjs/common';
import { LIVE_BUCKET_TABLES } from '@app/projections';
import { Pool } from 'pg';
import { Range, Tiling } from '../shared/time-range';

export interface TotalsRow {
  readonly ad_id: string;
  readonly clicks: string;
  readonly bot_clicks: string;
  readonly users: Buffer[];
}

/**
 * Clicks and sketches per ad over a tiled range: whole days from click_day, whole hours from
 * click_hour, ragged minutes from click_minute, in one statement.
 */
@Injectable()
export class ClickTotalsReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(adIds: readonly string[], tiling: Tiling): Promise<TotalsRow[]> {
    const params: unknown[] = [adIds];
    const parts: string[] = [];
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const ranges = tiling[granularity];
      if (ranges.length === 0) continue;
      const within = ranges.map((range: Range) => {
        params.push(new Date(range.from), new Date(range.to));
        return `(bucket_start >= $${params.length - 1} AND bucket_start < $${params.length})`;
      });
      parts.push(
        `SELECT ad_id, clicks, bot_clicks, users FROM ${LIVE_BUCKET_TABLES[granularity]}
          WHERE ad_id = ANY($1::uuid[]) AND (${within.join(' OR ')})`,
      );
    }
    const { rows } = await this.pool.query<TotalsRow>(
      `SELECT ad_id, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks, array_agg(users) AS users
         FROM (${parts.join(' UNION ALL ')}) AS pieces
        GROUP BY ad_id`,
      params,
    );
    return rows;
  }
}
