/** Commit-order visibility as the product reads its log: nothing at or past the oldest open transaction. */
const CLICKS = `FROM events WHERE event_type = 'ClickRecorded'
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

const AD = `(data->>'adId')::uuid`;
const AT = `(data->>'clickedAt')::timestamptz`;
// Version 2 events record facts, not a bot verdict: the yardstick counts them as clicks.
const BOT = `coalesce((data->>'bot')::boolean, false)`;

const COUNTS = `count(*) FILTER (WHERE NOT ${BOT}) AS clicks,
  count(*) FILTER (WHERE ${BOT}) AS bot_clicks`;

const bucketTable = (name: string, unit: 'minute' | 'hour' | 'day') =>
  `CREATE TABLE ${name} AS
   SELECT ${AD} AS ad_id, date_trunc('${unit}', ${AT}) AS bucket_start, ${COUNTS},
          count(*) FILTER (WHERE (data->>'adPaused')::boolean) AS paused_clicks
   ${CLICKS} GROUP BY 1, 2`;

/**
 * The whole rebuild as set-based SQL, each table in one pass straight from `events`, keys added
 * afterwards: what PostgreSQL alone needs to turn the log into plain counts.
 */
export const REBUILD = [
  // date_trunc on timestamptz cuts in the session's zone; the product's buckets are UTC.
  `SET LOCAL TimeZone = 'UTC'`,
  bucketTable('bench_y3_minute', 'minute'),
  bucketTable('bench_y3_hour', 'hour'),
  bucketTable('bench_y3_day', 'day'),
  `CREATE TABLE bench_y3_breakdown_day AS
   SELECT ${AD} AS ad_id, date_trunc('day', ${AT}) AS bucket_start, d.dimension, d.value, ${COUNTS}
   FROM events CROSS JOIN LATERAL (VALUES ('country', coalesce(data->>'country', 'unknown')),
                                          ('device', coalesce(data->>'device', 'unknown'))) AS d(dimension, value)
   WHERE event_type = 'ClickRecorded' AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   GROUP BY 1, 2, 3, 4`,
  `ALTER TABLE bench_y3_minute ADD PRIMARY KEY (ad_id, bucket_start)`,
  `ALTER TABLE bench_y3_hour ADD PRIMARY KEY (ad_id, bucket_start)`,
  `ALTER TABLE bench_y3_day ADD PRIMARY KEY (ad_id, bucket_start)`,
  `ALTER TABLE bench_y3_breakdown_day ADD PRIMARY KEY (ad_id, bucket_start, dimension, value)`,
];
