import { Inject, Injectable } from '@nestjs/common';
import { breakdownTable, Granularity, LIVE_BUCKET_TABLES, PG_UNIT } from '@app/read-models';
import { Pool } from 'pg';
import { KeptFilter } from '../shared/click-filter';
import { Range } from '../shared/time-range';
import { SeriesPoint } from './click-series.reader';
import { LOCAL_BUCKETS } from './local-buckets.sql';

interface Row {
  readonly start: Date;
  readonly clicks: number | null;
  readonly bot_clicks: number | null;
  readonly invalid_clicks: number | null;
  readonly aligned: boolean;
}

/**
 * A series of the clicks with some values of one dimension, from the breakdown read models
 * (clicks per ad, bucket, dimension and value), in one statement.
 *
 * Minutes in any zone, and hours and days in UTC, map one to one onto the breakdown minutes,
 * hours and days. Hours and days in any other zone are cut from stored hours and minutes: an
 * hour that lies inside one local bucket counts whole, and an hour a local boundary cuts
 * through (every hour in India or Nepal, the first and last hour of a day there) counts by its
 * minutes. That is exact in every zone, half-hour DST changes included, at the price of
 * reading minutes where the offset is not whole hours. Breakdowns keep no sketches, so a
 * filtered series has no unique users.
 */
@Injectable()
export class FilteredSeriesReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async read(
    adId: string,
    range: Range,
    granularity: Granularity,
    timezone: string,
    filter: KeptFilter,
  ): Promise<SeriesPoint[]> {
    const direct = granularity === Granularity.MINUTE || timezone === 'UTC';
    const params = [
      adId,
      new Date(range.from),
      new Date(range.to),
      PG_UNIT[granularity],
      timezone,
      filter.dimension,
      filter.values,
    ];
    const matching = (alias: string): string =>
      `${alias}.ad_id = $1 AND ${alias}.bucket_start >= bounds.lo AND ${alias}.bucket_start < bounds.hi
       AND ${alias}.dimension = $6 AND ${alias}.value = ANY($7::text[])`;
    // The local bucket an instant falls in, and whether one UTC hour spans two of them.
    const local = (at: string): string => `date_trunc($4, ${at}, $5)`;
    const cut = (hour: string): string =>
      `${local(hour)} <> ${local(`${hour} + interval '59 minutes'`)}`;
    const stored = direct
      ? `SELECT t.bucket_start AS start, t.clicks, t.bot_clicks, t.invalid_clicks
           FROM ${breakdownTable(LIVE_BUCKET_TABLES, granularity)} t, bounds
          WHERE ${matching('t')}`
      : `SELECT ${local('h.bucket_start')} AS start, h.clicks, h.bot_clicks, h.invalid_clicks
           FROM ${LIVE_BUCKET_TABLES.breakdownHour} h, bounds
          WHERE ${matching('h')} AND NOT (${cut('h.bucket_start')})
         UNION ALL
         SELECT ${local('m.bucket_start')}, m.clicks, m.bot_clicks, m.invalid_clicks
           FROM ${LIVE_BUCKET_TABLES.breakdownMinute} m, bounds
          WHERE ${matching('m')} AND ${cut(`date_trunc('hour', m.bucket_start, 'UTC')`)}`;
    const { rows } = await this.pool.query<Row>(
      `WITH ${LOCAL_BUCKETS}, stored AS (
         SELECT start, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks,
                sum(invalid_clicks) AS invalid_clicks
           FROM (${stored}) AS pieces
          GROUP BY start
       )
       SELECT b.start, s.clicks::float8 AS clicks, s.bot_clicks::float8 AS bot_clicks,
              s.invalid_clicks::float8 AS invalid_clicks,
              (extract(epoch FROM b.start)::bigint % 60) = 0
              AND b.start = date_trunc($4, b.start, $5) AS aligned
         FROM buckets b LEFT JOIN stored s USING (start)
        ORDER BY b.start`,
      params,
    );
    return rows.map((row) => ({
      start: row.start,
      clicks: row.clicks ?? 0,
      botClicks: row.bot_clicks ?? 0,
      invalidClicks: row.invalid_clicks ?? 0,
      uniqueUsers: null,
      aligned: row.aligned,
    }));
  }
}
