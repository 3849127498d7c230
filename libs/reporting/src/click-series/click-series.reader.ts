import { Inject, Injectable } from '@nestjs/common';
import { LIVE_BUCKET_TABLES } from '@app/projections';
import { Pool } from 'pg';
import { Granularity, PG_UNIT } from '../shared/granularity';
import { Range } from '../shared/time-range';

export interface SeriesRow {
  readonly start: Date;
  readonly clicks: string | null;
  readonly bot_clicks: string | null;
  readonly users: Buffer[] | null;
  /** Whether the bucket starts on a boundary the stored UTC buckets share. */
  readonly aligned: boolean;
}

/**
 * One statement: PostgreSQL generates the local bucket starts (generate_series and date_trunc
 * with a time zone do the DST arithmetic), then folds the stored UTC buckets into them. Hours
 * and minutes map one to one; a local day in a zone other than UTC is the sum of its 23, 24 or
 * 25 stored hours, its users the union of their sketches.
 */
@Injectable()
export class ClickSeriesReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(
    adId: string,
    range: Range,
    granularity: Granularity,
    timezone: string,
  ): Promise<SeriesRow[]> {
    const unit = PG_UNIT[granularity];
    const table =
      granularity === Granularity.MINUTE
        ? LIVE_BUCKET_TABLES.minute
        : granularity === Granularity.DAY && timezone === 'UTC'
          ? LIVE_BUCKET_TABLES.day
          : LIVE_BUCKET_TABLES.hour;
    // Stored buckets are UTC minutes, hours and days: a local bucket must start on a UTC minute
    // (minute series) or hour (hour and day series) for the fold to be exact.
    const alignSeconds = granularity === Granularity.MINUTE ? 60 : 3600;
    const { rows } = await this.pool.query<SeriesRow>(
      `WITH buckets AS (
         SELECT generate_series(
                  date_trunc($4, $2::timestamptz, $5),
                  $3::timestamptz - interval '1 microsecond',
                  ('1 ' || $4)::interval,
                  $5) AS start
       ), bounds AS (
         SELECT min(start) AS lo, date_add(max(start), ('1 ' || $4)::interval, $5) AS hi FROM buckets
       ), data AS (
         SELECT date_trunc($4, t.bucket_start, $5) AS start,
                sum(t.clicks) AS clicks, sum(t.bot_clicks) AS bot_clicks, array_agg(t.users) AS users
           FROM ${table} t, bounds
          WHERE t.ad_id = $1 AND t.bucket_start >= bounds.lo AND t.bucket_start < bounds.hi
          GROUP BY 1
       )
       SELECT b.start, d.clicks, d.bot_clicks, d.users,
              (extract(epoch FROM b.start)::bigint % $6) = 0 AS aligned
         FROM buckets b LEFT JOIN data d USING (start)
        ORDER BY b.start`,
      [adId, new Date(range.from), new Date(range.to), unit, timezone, alignSeconds],
    );
    return rows;
  }
}
