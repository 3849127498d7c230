import { PoolClient } from 'pg';
import { ClickCounts, Counts } from './click-counts';
import { REPEAT_TABLE } from './repeat-rule';

export const BUCKET_TABLES = ['bench_y1_minute', 'bench_y1_hour', 'bench_y1_day'] as const;
export const SHIFTED_TABLE = 'bench_y1_hour_shifted';
export const BREAKDOWN_TABLES = [
  'bench_y1_breakdown_minute',
  'bench_y1_breakdown_hour',
  'bench_y1_breakdown_day',
] as const;
export const CHECKPOINT_TABLE = 'bench_y1_checkpoint';

/** The yardstick's own tables: the product's columns and keys without the sketches. */
export const SCHEMA = [
  ...[...BUCKET_TABLES, SHIFTED_TABLE].map(
    (t) => `CREATE TABLE ${t} (
      ad_id uuid NOT NULL, bucket_start timestamptz NOT NULL,
      clicks bigint NOT NULL, bot_clicks bigint NOT NULL, invalid_clicks bigint NOT NULL,
      paused_clicks bigint NOT NULL,
      PRIMARY KEY (ad_id, bucket_start)) WITH (fillfactor = 70)`,
  ),
  ...BREAKDOWN_TABLES.map(
    (t) => `CREATE TABLE ${t} (
      ad_id uuid NOT NULL, bucket_start timestamptz NOT NULL, dimension text NOT NULL,
      value text NOT NULL, clicks bigint NOT NULL, bot_clicks bigint NOT NULL,
      invalid_clicks bigint NOT NULL,
      PRIMARY KEY (ad_id, bucket_start, dimension, value)) WITH (fillfactor = 70)`,
  ),
  `CREATE TABLE ${REPEAT_TABLE} (
    ad_id uuid NOT NULL, user_hash bigint NOT NULL, recent bigint[] NOT NULL,
    last_clicked bigint NOT NULL, PRIMARY KEY (ad_id, user_hash)) WITH (fillfactor = 70)`,
  `CREATE INDEX ${REPEAT_TABLE}_last_clicked ON ${REPEAT_TABLE} (last_clicked)`,
  `CREATE TABLE ${CHECKPOINT_TABLE} (
    projection text PRIMARY KEY, transaction_id xid8 NOT NULL, global_position bigint NOT NULL,
    events_applied bigint NOT NULL, updated_at timestamptz NOT NULL)`,
];

function columns(map: Map<string, Counts>, keyParts: number) {
  const keys: string[][] = Array.from({ length: keyParts }, () => []);
  const clicks: number[] = [];
  const bots: number[] = [];
  const invalid: number[] = [];
  const paused: number[] = [];
  for (const [key, c] of map) {
    // The last part may hold a '|' of its own (a breakdown value): it takes the rest.
    const parts = key.split('|');
    for (let i = 0; i < keyParts - 1; i++) keys[i].push(parts[i]);
    keys[keyParts - 1].push(parts.slice(keyParts - 1).join('|'));
    clicks.push(c.clicks);
    bots.push(c.botClicks);
    invalid.push(c.invalidClicks);
    paused.push(c.pausedClicks);
  }
  return { keys, clicks, bots, invalid, paused };
}

/** One `INSERT … ON CONFLICT DO UPDATE` per table, adding the batch's counts to the stored ones. */
export async function upsertCounts(client: PoolClient, counts: ClickCounts): Promise<void> {
  const buckets = [
    ...BUCKET_TABLES.map((t, g) => [t, counts.buckets[g]] as const),
    [SHIFTED_TABLE, counts.shifted] as const,
  ];
  for (const [table, map] of buckets) {
    const c = columns(map, 2);
    await client.query(
      `INSERT INTO ${table} AS t (ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks)
       SELECT a, to_timestamp(s / 1000.0), c, b, v, p
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
            AS u(a, s, c, b, v, p)
       ON CONFLICT (ad_id, bucket_start) DO UPDATE SET
         clicks = t.clicks + excluded.clicks,
         bot_clicks = t.bot_clicks + excluded.bot_clicks,
         invalid_clicks = t.invalid_clicks + excluded.invalid_clicks,
         paused_clicks = t.paused_clicks + excluded.paused_clicks`,
      [c.keys[0], c.keys[1], c.clicks, c.bots, c.invalid, c.paused],
    );
  }
  for (let g = 0; g < BREAKDOWN_TABLES.length; g++) {
    const b = columns(counts.breakdowns[g], 4);
    await client.query(
      `INSERT INTO ${BREAKDOWN_TABLES[g]} AS t (ad_id, bucket_start, dimension, value, clicks, bot_clicks, invalid_clicks)
       SELECT a, to_timestamp(s / 1000.0), d, v, c, o, i
       FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
            AS u(a, s, d, v, c, o, i)
       ON CONFLICT (ad_id, bucket_start, dimension, value) DO UPDATE SET
         clicks = t.clicks + excluded.clicks, bot_clicks = t.bot_clicks + excluded.bot_clicks,
         invalid_clicks = t.invalid_clicks + excluded.invalid_clicks`,
      [b.keys[0], b.keys[1], b.keys[2], b.keys[3], b.clicks, b.bots, b.invalid],
    );
  }
}
