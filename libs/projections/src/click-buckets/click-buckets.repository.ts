import { HyperLogLog } from '@app/read-models';
import { PoolClient } from 'pg';
import { BreakdownDelta, BucketDelta } from './bucket-accumulator';
import { BUCKET_RECORDSET, breakdownRowsJson, bucketRowsJson } from './bucket-rows';

/**
 * SQL for the bucket tables. Sketches are merged here, not in SQL (PostgreSQL has no HLL type
 * without an extension). Every delta is first inserted as a new row, and the statement answers
 * only with the ordinals of the rows that already existed; those alone are read, merged and
 * updated. In a catch-up or rebuild over long-tail ads almost every bucket is new (one
 * statement, and next to nothing comes back); for hot ads the read and update touch few rows.
 * A batch travels as one JSON document: node-postgres would otherwise escape every element of
 * seven arrays, and PostgreSQL parse them back. Read-modify-write is safe because exactly one
 * runner owns a projection's tables at a time (advisory lock plus the checkpoint fence).
 */
export async function upsertBuckets(
  tx: PoolClient,
  table: string,
  deltas: Iterable<BucketDelta>,
): Promise<void> {
  const rows = [...deltas];
  if (rows.length === 0) return;
  const conflicts = await tx.query<{ i: number }>(
    `WITH r AS MATERIALIZED (SELECT * FROM ${BUCKET_RECORDSET}),
     inserted AS (
       INSERT INTO ${table} (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
       SELECT a, to_timestamp(t / 1000), c, b, p, decode(u, 'hex'), n FROM r
       ON CONFLICT (ad_id, bucket_start) DO NOTHING
       RETURNING ad_id, bucket_start
     )
     SELECT r.i FROM r LEFT JOIN inserted x ON x.ad_id = r.a AND x.bucket_start = to_timestamp(r.t / 1000)
      WHERE x.ad_id IS NULL`,
    [bucketRowsJson(rows, (d) => d.users)],
  );
  if (conflicts.rows.length === 0) return;

  const existing = conflicts.rows.map((r) => rows[r.i]);
  // LATERAL: one primary-key lookup per key (a plain join may hash the whole table).
  const current = await tx.query<{ i: number; users: Buffer }>(
    `SELECT k.i, t.users
       FROM jsonb_to_recordset($1::jsonb) AS k(i int, a uuid, t float8)
       CROSS JOIN LATERAL (SELECT users FROM ${table}
                            WHERE ad_id = k.a AND bucket_start = to_timestamp(k.t / 1000)) AS t`,
    [JSON.stringify(existing.map((d, i) => ({ i, a: d.adId, t: d.bucketStart })))],
  );
  const sketches = new Map(current.rows.map((r) => [r.i, r.users]));
  await tx.query(
    `UPDATE ${table} AS t SET
       clicks = t.clicks + r.c,
       bot_clicks = t.bot_clicks + r.b,
       paused_clicks = t.paused_clicks + r.p,
       users = decode(r.u, 'hex'),
       unique_users = r.n
     FROM ${BUCKET_RECORDSET}
     WHERE t.ad_id = r.a AND t.bucket_start = to_timestamp(r.t / 1000)`,
    [
      bucketRowsJson(existing, (d, i) => {
        const merged = HyperLogLog.fromBytes(sketches.get(i));
        merged.merge(d.users);
        return merged;
      }),
    ],
  );
}

export async function upsertBreakdowns(
  tx: PoolClient,
  table: string,
  deltas: Iterable<BreakdownDelta>,
): Promise<void> {
  const rows = [...deltas];
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${table} AS t (ad_id, bucket_start, dimension, value, clicks, bot_clicks)
     SELECT a, to_timestamp(t / 1000), d, v, c, b
       FROM jsonb_to_recordset($1::jsonb) AS r(a uuid, t float8, d text, v text, c bigint, b bigint)
     ON CONFLICT (ad_id, bucket_start, dimension, value) DO UPDATE SET
       clicks = t.clicks + EXCLUDED.clicks,
       bot_clicks = t.bot_clicks + EXCLUDED.bot_clicks`,
    [breakdownRowsJson(rows)],
  );
}
