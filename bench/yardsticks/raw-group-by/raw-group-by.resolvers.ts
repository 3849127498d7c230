import { Pool } from 'pg';

interface SeriesArgs {
  readonly adId: string;
  readonly from: string;
  readonly to: string;
  readonly granularity: 'MINUTE' | 'HOUR' | 'DAY';
}

interface TotalsArgs {
  readonly adIds: readonly string[];
  readonly from: string;
  readonly to: string;
}

interface TopArgs {
  readonly lastMinutes: number;
  readonly limit: number;
}

// Each question is one GROUP BY over bench_raw_clicks (index on ad_id, clicked_at), the table
// a team without read models would keep: one row per click, bots flagged, exact distinct users.
// Columns are named as the schema's fields, so rows go out as they come back.

/** One point per bucket, zero-filled, as the product answers, so both serialize as much. */
const SERIES = `
  WITH counted AS (
    SELECT date_trunc($4, clicked_at, 'UTC') AS start,
           count(*) FILTER (WHERE NOT bot) AS clicks,
           count(*) FILTER (WHERE bot) AS bot_clicks,
           count(DISTINCT user_key) FILTER (WHERE NOT bot) AS unique_users
      FROM bench_raw_clicks
     WHERE ad_id = $1 AND clicked_at >= date_trunc($4, $2::timestamptz, 'UTC') AND clicked_at < $3
     GROUP BY 1
  )
  SELECT b.start, coalesce(c.clicks, 0)::float8 AS clicks,
         coalesce(c.bot_clicks, 0)::float8 AS "botClicks",
         coalesce(c.unique_users, 0)::float8 AS "uniqueUsers"
    FROM generate_series(date_trunc($4, $2::timestamptz, 'UTC'),
                         $3::timestamptz - interval '1 microsecond',
                         ('1 ' || $4)::interval) AS b(start)
    LEFT JOIN counted c USING (start)
   ORDER BY b.start`;

/** One entry per ad asked for, in that order, as the product answers. */
const TOTALS = `
  WITH counted AS (
    SELECT ad_id, count(*) FILTER (WHERE NOT bot) AS clicks,
           count(DISTINCT user_key) FILTER (WHERE NOT bot) AS unique_users
      FROM bench_raw_clicks
     WHERE ad_id = ANY($1::uuid[]) AND clicked_at >= $2 AND clicked_at < $3
     GROUP BY ad_id
  )
  SELECT a.ad_id AS "adId", coalesce(c.clicks, 0)::float8 AS clicks,
         coalesce(c.unique_users, 0)::float8 AS "uniqueUsers"
    FROM unnest($1::uuid[]) WITH ORDINALITY AS a(ad_id, n)
    LEFT JOIN counted c USING (ad_id)
   ORDER BY a.n`;

/** Every ad (the operator's view: no API keys here), over the current minute and the ones before. */
const TOP = `
  WITH top AS (
    SELECT ad_id, count(*) FILTER (WHERE NOT bot) AS clicks,
           count(DISTINCT user_key) FILTER (WHERE NOT bot) AS unique_users
      FROM bench_raw_clicks
     WHERE clicked_at >= date_trunc('minute', now()) - ($1::int - 1) * interval '1 minute'
     GROUP BY ad_id
     ORDER BY clicks DESC, ad_id
     LIMIT $2
  )
  SELECT json_build_object('id', top.ad_id, 'name', a.name) AS ad,
         top.clicks::float8 AS clicks, top.unique_users::float8 AS "uniqueUsers"
    FROM top JOIN bench_ads a USING (ad_id)
   ORDER BY top.clicks DESC, top.ad_id`;

/**
 * The yardstick's answers. Nothing but the SQL: no API key, access check, argument
 * validation, query limits or freshness lookup, all of which the product side pays for.
 */
export function rawGroupByResolvers(pool: Pool) {
  return {
    Query: {
      clickSeries: async (_: unknown, args: SeriesArgs) => ({
        asOf: new Date(),
        points: (
          await pool.query(SERIES, [args.adId, args.from, args.to, args.granularity.toLowerCase()])
        ).rows,
      }),
      clickTotals: async (_: unknown, args: TotalsArgs) => ({
        asOf: new Date(),
        ads: (await pool.query(TOTALS, [args.adIds, args.from, args.to])).rows,
      }),
      topAds: async (_: unknown, args: TopArgs) =>
        (await pool.query(TOP, [args.lastMinutes, args.limit])).rows,
    },
  };
}
