import { PoolClient } from 'pg';
import { HyperLogLog } from '../hll/hyperloglog';
import { BreakdownDelta, BucketDelta } from './bucket-accumulator';

/**
 * SQL for the bucket tables. Sketches are merged here, not in SQL (PostgreSQL has no HLL type
 * without an extension). Every delta is first inserted as a new row; only the rows that already
 * existed are read, merged and updated. In a catch-up over long-tail ads almost every bucket
 * is new (one statement); for hot ads the read and update touch few rows. Read-modify-write is
 * safe because exactly one runner owns a projection's tables at a time (advisory lock plus the
 * checkpoint fence).
 */
export async function upsertBuckets(
  tx: PoolClient,
  table: string,
  deltas: Iterable<BucketDelta>,
): Promise<void> {
  const rows = [...deltas];
  if (rows.length === 0) return;
  const inserted = await tx.query<{ ad_id: string; bucket_start: Date }>(
    `INSERT INTO ${table} (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bytea[], $7::int[])
     ON CONFLICT (ad_id, bucket_start) DO NOTHING
     RETURNING ad_id, bucket_start`,
    columns(rows, (r) => r.users),
  );
  if (inserted.rows.length === rows.length) return;

  const fresh = new Set(inserted.rows.map((r) => `${r.ad_id}|${r.bucket_start.getTime()}`));
  const existing = rows.filter((r) => !fresh.has(`${r.adId}|${r.bucketStart}`));
  // LATERAL: one primary-key lookup per key (a plain join may hash the whole table).
  const current = await tx.query<{ ad_id: string; bucket_start: Date; users: Buffer }>(
    `SELECT k.ad_id, k.bucket_start, t.users
     FROM unnest($1::uuid[], $2::timestamptz[]) AS k(ad_id, bucket_start)
     CROSS JOIN LATERAL (SELECT users FROM ${table} WHERE ad_id = k.ad_id AND bucket_start = k.bucket_start) AS t`,
    [existing.map((r) => r.adId), existing.map((r) => new Date(r.bucketStart))],
  );
  const sketches = new Map(
    current.rows.map((r) => [`${r.ad_id}|${r.bucket_start.getTime()}`, r.users]),
  );
  await tx.query(
    `UPDATE ${table} AS t SET
       clicks = t.clicks + d.clicks,
       bot_clicks = t.bot_clicks + d.bot_clicks,
       paused_clicks = t.paused_clicks + d.paused_clicks,
       users = d.users,
       unique_users = d.unique_users
     FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bytea[], $7::int[])
       AS d(ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users, unique_users)
     WHERE t.ad_id = d.ad_id AND t.bucket_start = d.bucket_start`,
    columns(existing, (r) => {
      const merged = HyperLogLog.fromBytes(sketches.get(`${r.adId}|${r.bucketStart}`));
      merged.merge(r.users);
      return merged;
    }),
  );
}

/** The unnest() columns; each row's sketch is serialised and estimated once. */
function columns(rows: readonly BucketDelta[], users: (r: BucketDelta) => HyperLogLog): unknown[] {
  const sketches = rows.map(users);
  return [
    rows.map((r) => r.adId),
    rows.map((r) => new Date(r.bucketStart)),
    rows.map((r) => r.clicks),
    rows.map((r) => r.botClicks),
    rows.map((r) => r.pausedClicks),
    sketches.map((s) => s.toBytes()),
    sketches.map((s) => s.estimate()),
  ];
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
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
     ON CONFLICT (ad_id, bucket_start, dimension, value) DO UPDATE SET
       clicks = t.clicks + EXCLUDED.clicks,
       bot_clicks = t.bot_clicks + EXCLUDED.bot_clicks`,
    [
      rows.map((r) => r.adId),
      rows.map((r) => new Date(r.bucketStart)),
      rows.map((r) => r.dimension),
      rows.map((r) => r.value),
      rows.map((r) => r.clicks),
      rows.map((r) => r.botClicks),
    ],
  );
}
