import { randomUUID } from 'node:crypto';
import { HyperLogLog } from '@app/read-models';
import { Pool } from 'pg';

export interface SeedOptions {
  readonly ads: number;
  readonly clicks: number;
  readonly days: number;
  /** Ads are dealt round-robin to these advertisers (ids as returned by createAdvertiser). */
  readonly advertiserIds: readonly string[];
  /** The last minute of the seeded period: the data ends "now", so topAds has a window. */
  readonly end: Date;
}

export interface SeededData {
  /** Ad ids by popularity rank (index 0 is the most clicked ad). */
  readonly adIds: readonly string[];
  readonly advertiserOf: ReadonlyMap<string, string>;
  readonly minuteRows: number;
  readonly hourRows: number;
  readonly dayRows: number;
  readonly rawClicks: number;
  readonly seconds: number;
}

/** A sparse sketch past this many users is dense; one dense sketch stands for all larger buckets. */
const SKETCH_CAP = 1366;

/**
 * Fills the read models with `clicks` clicks' worth of buckets for `ads` ads over `days` days,
 * straight in SQL (projecting 10 million events would take the projector's catch-up time, which
 * the projection benchmark measures on its own). Popularity follows Zipf's law (s = 1): the top
 * ad gets about a tenth of all clicks, most ads a few hundred. Minute buckets come first, each
 * ad's clicks scattered over random minutes; hours and days are sums of the minutes, so every
 * table agrees. Sketches are real HyperLogLogs of as many random users as the bucket has clicks.
 *
 * Rows are written in time order, as the projector writes them (and as a raw clicks table fills):
 * the last hour of every ad sits together, and an ad's 720 hours are spread over 720 pages.
 *
 * The raw table the raw-group-by yardstick reads, `bench_raw_clicks(ad_id, clicked_at,
 * user_key, bot)` with an index on (ad_id, clicked_at), holds one row per click (bots flagged)
 * of the same minute buckets; `bench_ads` holds the ads' names for its topAds.
 */
export async function seedReadModels(pool: Pool, options: SeedOptions): Promise<SeededData> {
  const started = Date.now();
  const minute = 60_000;
  const end = Math.floor(options.end.getTime() / minute) * minute;
  const start = end - options.days * 86_400_000 + minute;
  const minutes = options.days * 1440;

  const adIds = Array.from({ length: options.ads }, () => randomUUID());
  const advertiserOf = new Map(
    adIds.map((id, i) => [id, options.advertiserIds[i % options.advertiserIds.length]]),
  );
  const harmonic = adIds.reduce((sum, _, i) => sum + 1 / (i + 1), 0);

  await pool.query(
    `CREATE TABLE bench_ads (ad_id uuid PRIMARY KEY, advertiser_id uuid, expected float8,
                             name text GENERATED ALWAYS AS ('bench ad ' || ad_id::text) STORED)`,
  );
  await pool.query(
    `INSERT INTO bench_ads SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(ad_id uuid, advertiser_id uuid, expected float8)`,
    [
      JSON.stringify(
        adIds.map((ad_id, i) => ({
          ad_id,
          advertiser_id: advertiserOf.get(ad_id),
          expected: options.clicks / ((i + 1) * harmonic),
        })),
      ),
    ],
  );
  await pool.query(
    `INSERT INTO ad_catalog (ad_id, advertiser_id, name, target_url, registered_at, updated_at)
     SELECT ad_id, advertiser_id, 'bench ad ' || ad_id, 'https://example.com/' || ad_id, $1, $1
       FROM bench_ads`,
    [new Date(start)],
  );

  await pool.query(
    'CREATE TABLE bench_sketches (n int PRIMARY KEY, users bytea NOT NULL, estimate int NOT NULL)',
  );
  const sketches = Array.from({ length: SKETCH_CAP }, (_, i) => {
    const hll = new HyperLogLog();
    const users = i + 1 === SKETCH_CAP ? 20_000 : i + 1;
    for (let u = 0; u < users; u++) hll.add(`bench-user-${i}-${u}`);
    return { n: i + 1, users: hll.toBytes().toString('hex'), estimate: hll.estimate() };
  });
  await pool.query(
    `INSERT INTO bench_sketches SELECT n, decode(users, 'hex'), estimate
       FROM jsonb_to_recordset($1::jsonb) AS r(n int, users text, estimate int)`,
    [JSON.stringify(sketches)],
  );

  // An ad expecting lambda clicks a minute clicks in about minutes * (1 - e^-lambda) distinct
  // minutes, one drawn from each equal stratum of the period (so no two collide), with its
  // expected clicks spread over them (jittered).
  await pool.query(
    `INSERT INTO click_minute (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
     SELECT m.ad_id, m.bucket_start, m.clicks, m.bot_clicks, 0, s.users, s.estimate
       FROM (
         SELECT a.ad_id,
                $1::timestamptz + (floor((k - 1) * w) + floor(random() * (floor(k * w) - floor((k - 1) * w))))
                  * interval '1 minute' AS bucket_start,
                greatest(1, round(per_minute * (0.5 + random())))::bigint AS clicks,
                (random() < 0.02)::int AS bot_clicks
           FROM (SELECT ad_id, expected,
                        greatest(1, round($2 * (1 - exp(-expected / $2))))::int AS busy_minutes
                   FROM bench_ads) AS a
           CROSS JOIN LATERAL (SELECT a.expected / a.busy_minutes AS per_minute,
                                     $2::float8 / a.busy_minutes AS w) AS p
           CROSS JOIN LATERAL generate_series(1, a.busy_minutes) AS k
       ) AS m
       JOIN bench_sketches s ON s.n = least(m.clicks, ${SKETCH_CAP})
      ORDER BY m.bucket_start`,
    [new Date(start), minutes],
  );
  for (const [table, unit] of [
    ['click_hour', 'hour'],
    ['click_day', 'day'],
  ] as const) {
    await pool.query(
      `INSERT INTO ${table} (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
       SELECT b.ad_id, b.bucket_start, b.clicks, b.bot_clicks, 0, s.users, s.estimate
         FROM (SELECT ad_id, date_trunc('${unit}', bucket_start, 'UTC') AS bucket_start,
                      sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks
                 FROM click_minute GROUP BY 1, 2) AS b
         JOIN bench_sketches s ON s.n = least(b.clicks, ${SKETCH_CAP})
        ORDER BY b.bucket_start`,
    );
  }

  // Hours starting 15, 30 and 45 minutes past the UTC hour, summed from the same minutes.
  await pool.query(
    `INSERT INTO click_hour_shifted (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
     SELECT b.ad_id, b.bucket_start, b.clicks, b.bot_clicks, 0, s.users, s.estimate
       FROM (SELECT ad_id, date_trunc('hour', bucket_start - shift, 'UTC') + shift AS bucket_start,
                    sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks
               FROM click_minute,
                    unnest(ARRAY[interval '15 minutes', interval '30 minutes', interval '45 minutes']) AS shift
              GROUP BY 1, 2) AS b
       JOIN bench_sketches s ON s.n = least(b.clicks, ${SKETCH_CAP})
      ORDER BY b.bucket_start`,
  );

  // Breakdowns from the same minutes: 60 % of each minute's clicks from US and the rest from
  // DE, 70 % on desktop and the rest on mobile, all on one placement (five rows a busy minute,
  // like the projector's), then summed to hours and days. Filters read these.
  await pool.query(
    `INSERT INTO click_breakdown_minute (ad_id, bucket_start, dimension, value, clicks, bot_clicks)
     SELECT ad_id, bucket_start, dimension, value, c, b
       FROM click_minute,
            LATERAL (VALUES
              ('country', 'US', ceil(clicks * 0.6)::bigint, bot_clicks),
              ('country', 'DE', clicks - ceil(clicks * 0.6)::bigint, 0::bigint),
              ('device', 'desktop', ceil(clicks * 0.7)::bigint, 0::bigint),
              ('device', 'mobile', clicks - ceil(clicks * 0.7)::bigint, bot_clicks),
              ('placement', 'top-banner', clicks, bot_clicks)) AS v(dimension, value, c, b)
      WHERE c + b > 0
      ORDER BY bucket_start`,
  );
  for (const [table, unit] of [
    ['click_breakdown_hour', 'hour'],
    ['click_breakdown_day', 'day'],
  ] as const)
    await pool.query(
      `INSERT INTO ${table} (ad_id, bucket_start, dimension, value, clicks, bot_clicks)
       SELECT ad_id, date_trunc('${unit}', bucket_start, 'UTC'), dimension, value,
              sum(clicks), sum(bot_clicks)
         FROM click_breakdown_minute GROUP BY 1, 2, 3, 4 ORDER BY 2`,
    );

  await pool.query(
    `CREATE TABLE bench_raw_clicks (ad_id uuid NOT NULL, clicked_at timestamptz NOT NULL,
                                    user_key int NOT NULL, bot boolean NOT NULL)`,
  );
  await pool.query(
    `INSERT INTO bench_raw_clicks
     SELECT m.ad_id, m.bucket_start + random() * interval '59 seconds', floor(random() * 1e6)::int,
            k > m.clicks
       FROM click_minute m CROSS JOIN LATERAL generate_series(1, m.clicks + m.bot_clicks) AS k
      ORDER BY m.bucket_start`,
  );
  await pool.query('CREATE INDEX ON bench_raw_clicks (ad_id, clicked_at)');
  await pool.query('VACUUM ANALYZE');
  // Flush the seed's dirty pages now, not during the first measurements.
  await pool.query('CHECKPOINT');

  const count = async (table: string) =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  return {
    adIds,
    advertiserOf,
    minuteRows: await count('click_minute'),
    hourRows: await count('click_hour'),
    dayRows: await count('click_day'),
    rawClicks: await count('bench_raw_clicks'),
    seconds: (Date.now() - started) / 1000,
  };
}
