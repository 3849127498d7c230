import { Inject, Injectable } from '@nestjs/common';
import {
  bucketTable,
  Granularity,
  LIVE_BUCKET_TABLES,
  PG_UNIT,
  uniqueUsers,
} from '@app/read-models';
import { Pool } from 'pg';
import { Range } from '../shared/time-range';
import { LOCAL_BUCKETS } from './local-buckets.sql';

export interface SeriesPoint {
  readonly start: Date;
  readonly clicks: number;
  readonly botClicks: number;
  readonly invalidClicks: number;
  /** Null where none is kept: a filtered series (breakdowns hold no sketches). */
  readonly uniqueUsers: number | null;
  /** Whether the bucket is made of whole stored buckets (see the reader). */
  readonly aligned: boolean;
}

interface Row {
  readonly start: Date;
  readonly clicks: number | null;
  readonly bot_clicks: number | null;
  readonly invalid_clicks: number | null;
  readonly unique_users: number | null;
  readonly users: Buffer | null;
  readonly aligned: boolean;
}

/**
 * One statement: PostgreSQL generates the local bucket starts (LOCAL_BUCKETS) and joins
 * stored buckets to them.
 *
 * Minutes in any zone, and hours and days in UTC, map one to one onto click_minute, click_hour
 * and click_day, whose stored unique-user estimate is used as is. Hours and days in any other
 * zone are gathered from stored hours: a local hour is one stored hour, from click_hour when it
 * starts on the UTC hour and from click_hour_shifted when it starts 15, 30 or 45 minutes past
 * (India, Nepal, central Australia...); a local day gathers its 23 to 25 hours, whose sketches
 * are merged here. A bucket that is not a whole number of those hours (a pre-1970 local mean
 * time offset, Lord Howe Island's half-hour DST change) comes back not `aligned`.
 */
@Injectable()
export class ClickSeriesReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(
    adId: string,
    range: Range,
    granularity: Granularity,
    timezone: string,
  ): Promise<SeriesPoint[]> {
    const direct = granularity === Granularity.MINUTE || timezone === 'UTC';
    const params = [adId, new Date(range.from), new Date(range.to), PG_UNIT[granularity], timezone];
    const { rows } = await this.pool.query<Row>(
      direct
        ? `WITH ${LOCAL_BUCKETS}, stored AS (
             SELECT t.bucket_start AS start, t.clicks, t.bot_clicks, t.invalid_clicks, t.unique_users,
                    CASE WHEN t.unique_users IS NULL THEN t.users END AS users
               FROM ${bucketTable(LIVE_BUCKET_TABLES, granularity)} t, bounds
              WHERE t.ad_id = $1 AND t.bucket_start >= bounds.lo AND t.bucket_start < bounds.hi
           )
           SELECT b.start, s.clicks::float8 AS clicks, s.bot_clicks::float8 AS bot_clicks,
                  s.invalid_clicks::float8 AS invalid_clicks,
                  s.unique_users, s.users,
                  (extract(epoch FROM b.start)::bigint % 60) = 0
                  AND b.start = date_trunc($4, b.start, $5) AS aligned
             FROM buckets b LEFT JOIN stored s USING (start)
            ORDER BY b.start`
        : `WITH ${LOCAL_BUCKETS}, stored AS (
             -- The stored hours on the first bucket's quarter of the hour, from its one table
             -- (the other branch is a one-time false filter). A range scan with a filter, not
             -- a lookup per hour: most ads have few stored hours in a month.
             ${[
               [LIVE_BUCKET_TABLES.hour, '= 0'],
               [LIVE_BUCKET_TABLES.shiftedHour, '<> 0'],
             ]
               .map(
                 ([table, phase]) => `
             SELECT ${granularity === Granularity.DAY ? 'date_trunc($4, t.bucket_start, $5)' : 't.bucket_start'} AS start,
                    t.clicks, t.bot_clicks, t.invalid_clicks, t.unique_users,
                    CASE WHEN $6 OR t.unique_users IS NULL THEN t.users END AS users
               FROM ${table} t, bounds
              WHERE extract(epoch FROM bounds.lo)::bigint % 3600 ${phase}
                AND t.ad_id = $1 AND t.bucket_start >= bounds.lo AND t.bucket_start < bounds.hi
                AND extract(epoch FROM t.bucket_start - bounds.lo)::bigint % 3600 = 0`,
               )
               .join(' UNION ALL ')}
           )
           SELECT b.start, s.clicks::float8 AS clicks, s.bot_clicks::float8 AS bot_clicks, s.invalid_clicks::float8 AS invalid_clicks,
                  s.unique_users, s.users,
                  extract(epoch FROM bounds.lo)::bigint % 900 = 0
                  AND b.start = date_trunc($4, b.start, $5)
                  AND extract(epoch FROM b.start - bounds.lo)::bigint % 3600 = 0
                  AND extract(epoch FROM bounds.hi - bounds.lo)::bigint % 3600 = 0 AS aligned
             FROM buckets b CROSS JOIN bounds LEFT JOIN stored s USING (start)
            ORDER BY b.start`,
      direct ? params : [...params, granularity === Granularity.DAY],
    );
    return fold(rows);
  }
}

/** Rows in start order, one or more per bucket, to one point per bucket. */
function fold(rows: readonly Row[]): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 0; i < rows.length;) {
    const first = rows[i];
    let j = i + 1;
    while (j < rows.length && rows[j].start.getTime() === first.start.getTime()) j++;
    const group = rows.slice(i, j);
    points.push({
      start: first.start,
      clicks: group.reduce((sum, r) => sum + (r.clicks ?? 0), 0),
      botClicks: group.reduce((sum, r) => sum + (r.bot_clicks ?? 0), 0),
      invalidClicks: group.reduce((sum, r) => sum + (r.invalid_clicks ?? 0), 0),
      uniqueUsers:
        group.length === 1 && first.unique_users !== null
          ? first.unique_users
          : uniqueUsers(group.map((r) => r.users)),
      aligned: first.aligned,
    });
    i = j;
  }
  return points;
}
