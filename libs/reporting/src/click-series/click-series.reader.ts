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

export interface SeriesPoint {
  readonly start: Date;
  readonly clicks: number;
  readonly botClicks: number;
  readonly uniqueUsers: number;
  /** Whether the bucket starts on a boundary the stored UTC buckets share. */
  readonly aligned: boolean;
}

interface Row {
  readonly start: Date;
  readonly clicks: number | null;
  readonly bot_clicks: number | null;
  readonly unique_users: number | null;
  readonly users: Buffer | null;
  readonly aligned: boolean;
}

/**
 * One statement: PostgreSQL generates the local bucket starts (generate_series and date_trunc
 * with a time zone do the DST arithmetic) and joins the stored UTC buckets to them. Minutes and
 * hours map one to one, and their stored unique-user estimate is used as is; a local day in a
 * zone other than UTC gathers its 23, 24 or 25 stored hours, whose sketches are merged here.
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
    const merging = granularity === Granularity.DAY && timezone !== 'UTC';
    // A local day that is not a UTC day is merged from hours.
    const table = bucketTable(LIVE_BUCKET_TABLES, merging ? Granularity.HOUR : granularity);
    // Stored buckets are UTC minutes, hours and days: a local bucket must start on a UTC minute
    // (minute series) or hour (hour and day series) for the join to be exact.
    const alignSeconds = granularity === Granularity.MINUTE ? 60 : 3600;
    const { rows } = await this.pool.query<Row>(
      `WITH buckets AS (
         SELECT generate_series(
                  date_trunc($4, $2::timestamptz, $5),
                  $3::timestamptz - interval '1 microsecond',
                  ('1 ' || $4)::interval,
                  $5) AS start
       ), bounds AS (
         SELECT min(start) AS lo, date_add(max(start), ('1 ' || $4)::interval, $5) AS hi FROM buckets
       ), stored AS (
         SELECT ${merging ? 'date_trunc($4, t.bucket_start, $5)' : 't.bucket_start'} AS start,
                t.clicks, t.bot_clicks, t.unique_users,
                CASE WHEN $7 OR t.unique_users IS NULL THEN t.users END AS users
           FROM ${table} t, bounds
          WHERE t.ad_id = $1 AND t.bucket_start >= bounds.lo AND t.bucket_start < bounds.hi
       )
       SELECT b.start, s.clicks::float8 AS clicks, s.bot_clicks::float8 AS bot_clicks,
              s.unique_users, s.users, (extract(epoch FROM b.start)::bigint % $6) = 0 AS aligned
         FROM buckets b LEFT JOIN stored s USING (start)
        ORDER BY b.start`,
      [
        adId,
        new Date(range.from),
        new Date(range.to),
        PG_UNIT[granularity],
        timezone,
        alignSeconds,
        merging,
      ],
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
