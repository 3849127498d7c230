import { PoolClient } from 'pg';
import { ClickCounts, Counts } from './click-counts';

export const BUCKET_TABLES = ['bench_y1_minute', 'bench_y1_hour', 'bench_y1_day'] as const;
export const BREAKDOWN_TABLE = 'bench_y1_breakdown_day';
export const CHECKPOINT_TABLE = 'bench_y1_checkpoint';

/** The yardstick's own tables: the product's bucket columns without the sketches. */
export const SCHEMA = [
  ...BUCKET_TABLES.map(
    (t) => `CREATE TABLE ${t} (
      ad_id uuid NOT NULL, bucket_start timestamptz NOT NULL,
      clicks bigint NOT NULL, bot_clicks bigint NOT NULL, paused_clicks bigint NOT NULL,
      PRIMARY KEY (ad_id, bucket_start)) WITH (fillfactor = 70)`,
  ),
  `CREATE TABLE ${BREAKDOWN_TABLE} (
    ad_id uuid NOT NULL, bucket_start timestamptz NOT NULL, dimension text NOT NULL,
    value text NOT NULL, clicks bigint NOT NULL, bot_clicks bigint NOT NULL,
    PRIMARY KEY (ad_id, bucket_start, dimension, value)) WITH (fillfactor = 70)`,
  `CREATE TABLE ${CHECKPOINT_TABLE} (
    projection text PRIMARY KEY, transaction_id xid8 NOT NULL, global_position bigint NOT NULL,
    events_applied bigint NOT NULL, updated_at timestamptz NOT NULL)`,
];

function columns(map: Map<string, Counts>, keyParts: number) {
  const keys: string[][] = Array.from({ length: keyParts }, () => []);
  const clicks: number[] = [];
  const bots: number[] = [];
  const paused: number[] = [];
  for (const [key, c] of map) {
    const parts = key.split('|');
    for (let i = 0; i < keyParts; i++) keys[i].push(parts[i]);
    clicks.push(c.clicks);
    bots.push(c.botClicks);
    paused.push(c.pausedClicks);
  }
  return { keys, clicks, bots, paused };
}

/** One `INSERT … ON CONFLICT DO UPDATE` per table, adding the batch's counts to the stored ones. */
export async function upsertCounts(client: PoolClient, counts: ClickCounts): Promise<void> {
  const maps = [counts.minute, counts.hour, counts.day];
  for (let i = 0; i < BUCKET_TABLES.length; i++) {
    const c = columns(maps[i], 2);
    await client.query(
      `INSERT INTO ${BUCKET_TABLES[i]} AS t (ad_id, bucket_start, clicks, bot_clicks, paused_clicks)
       SELECT a, to_timestamp(s / 1000.0), c, b, p
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS u(a, s, c, b, p)
       ON CONFLICT (ad_id, bucket_start) DO UPDATE SET
         clicks = t.clicks + excluded.clicks,
         bot_clicks = t.bot_clicks + excluded.bot_clicks,
         paused_clicks = t.paused_clicks + excluded.paused_clicks`,
      [c.keys[0], c.keys[1], c.clicks, c.bots, c.paused],
    );
  }
  const b = columns(counts.breakdown, 4);
  await client.query(
    `INSERT INTO ${BREAKDOWN_TABLE} AS t (ad_id, bucket_start, dimension, value, clicks, bot_clicks)
     SELECT a, to_timestamp(s / 1000.0), d, v, c, o
     FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
          AS u(a, s, d, v, c, o)
     ON CONFLICT (ad_id, bucket_start, dimension, value) DO UPDATE SET
       clicks = t.clicks + excluded.clicks, bot_clicks = t.bot_clicks + excluded.bot_clicks`,
    [b.keys[0], b.keys[1], b.keys[2], b.keys[3], b.clicks, b.bots],
  );
}
