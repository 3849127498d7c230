import { HyperLogLog } from '@app/read-models';
import { PoolClient } from 'pg';
import {
  BUCKET_RECORDSET,
  BUCKET_SKETCH,
  bucketParams,
  BucketParams,
  BucketRow,
  BreakdownColumns,
} from './bucket-rows';

/** Bucket rows with their first statement's parameters, built before the transaction. */
export interface PreparedBuckets {
  readonly rows: readonly BucketRow[];
  readonly params: BucketParams;
}

export function prepareBuckets(rows: readonly BucketRow[]): PreparedBuckets {
  return { rows, params: bucketParams(rows) };
}

/**
 * SQL for the bucket tables. Sketches are merged here, not in SQL (PostgreSQL has no HLL type
 * without an extension). Every row is first inserted as a new row, and the statement answers
 * only with the ordinals of the rows that already existed; those alone are read, merged and
 * updated. In a catch-up or rebuild over long-tail ads almost every bucket is new (one
 * statement, and next to nothing comes back); for hot ads the read and update touch few rows.
 * Read-modify-write is safe because exactly one runner owns a projection's tables at a time
 * (advisory lock plus the checkpoint fence).
 *
 * The read and the write of existing rows must go through the primary key, one lookup per row:
 * given a join, the planner hashed the whole table for every statement (a few hundred rows
 * against tens of thousands), so a catch-up slowed as its tables grew (profiled on the 1M-event
 * realistic log: 24k-row sequential scans, two per table per batch).
 */
export async function upsertBuckets(
  tx: PoolClient,
  table: string,
  { rows, params }: PreparedBuckets,
): Promise<void> {
  if (rows.length === 0) return;
  const conflicts = await tx.query<{ i: number }>(
    `WITH r AS MATERIALIZED (SELECT r.*, ${BUCKET_SKETCH} AS u FROM ${BUCKET_RECORDSET}),
     inserted AS (
       INSERT INTO ${table} (ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks, users, unique_users)
       SELECT a, to_timestamp(t / 1000), c, b, v, p, u, n FROM r
       ON CONFLICT (ad_id, bucket_start) DO NOTHING
       RETURNING ad_id, bucket_start
     )
     SELECT r.i FROM r LEFT JOIN inserted x ON x.ad_id = r.a AND x.bucket_start = to_timestamp(r.t / 1000)
      WHERE x.ad_id IS NULL`,
    [...params.values],
  );
  if (conflicts.rows.length === 0) return;

  const existing = conflicts.rows.map((r) => rows[r.i]);
  // LATERAL with OFFSET 0: one primary-key lookup per key. Without the OFFSET the planner
  // pulls the subquery up into a plain join, and hashes the whole table.
  const current = await tx.query<{ i: number; users: Buffer }>(
    `SELECT k.i, t.users
       FROM unnest($1::int[], $2::uuid[], $3::float8[]) AS k(i, a, t)
       CROSS JOIN LATERAL (SELECT users FROM ${table}
                            WHERE ad_id = k.a AND bucket_start = to_timestamp(k.t / 1000)
                            OFFSET 0) AS t`,
    [existing.map((_, i) => i), existing.map((d) => d.adId), existing.map((d) => d.bucketStart)],
  );
  const stored = new Map(current.rows.map((r) => [r.i, r.users]));
  const merged = bucketParams(
    existing.map((d, i) => {
      const users = HyperLogLog.fromBytes(stored.get(i));
      users.mergeBytes(d.users);
      return { ...d, users: users.toBytes() };
    }),
  );
  // Every one of these rows exists, so this only ever updates; ON CONFLICT rather than
  // UPDATE … FROM because its arbiter is a primary-key lookup per row, never a join the planner
  // may answer by hashing the whole table.
  await tx.query(
    `INSERT INTO ${table} AS t (ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks, users, unique_users)
     SELECT r.a, to_timestamp(r.t / 1000), r.c, r.b, r.v, r.p, ${BUCKET_SKETCH}, r.n FROM ${BUCKET_RECORDSET}
     ON CONFLICT (ad_id, bucket_start) DO UPDATE SET
       clicks = t.clicks + EXCLUDED.clicks,
       bot_clicks = t.bot_clicks + EXCLUDED.bot_clicks,
       invalid_clicks = t.invalid_clicks + EXCLUDED.invalid_clicks,
       paused_clicks = t.paused_clicks + EXCLUDED.paused_clicks,
       users = EXCLUDED.users,
       unique_users = EXCLUDED.unique_users`,
    [...merged.values],
  );
}

export async function upsertBreakdowns(
  tx: PoolClient,
  table: string,
  rows: BreakdownColumns,
): Promise<void> {
  if (rows.ads.length === 0) return;
  await tx.query(
    `INSERT INTO ${table} AS t (ad_id, bucket_start, dimension, value, clicks, bot_clicks, invalid_clicks)
     SELECT a, to_timestamp(s / 1000), d, v, c, b, i
       FROM unnest($1::uuid[], $2::float8[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
         AS r(a, s, d, v, c, b, i)
     ON CONFLICT (ad_id, bucket_start, dimension, value) DO UPDATE SET
       clicks = t.clicks + EXCLUDED.clicks,
       bot_clicks = t.bot_clicks + EXCLUDED.bot_clicks,
       invalid_clicks = t.invalid_clicks + EXCLUDED.invalid_clicks`,
    [
      rows.ads,
      rows.starts,
      rows.dimensions,
      rows.values,
      rows.clicks,
      rows.botClicks,
      rows.invalidClicks,
    ],
  );
}
