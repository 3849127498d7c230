import { PoolClient } from 'pg';
import { HyperLogLog } from '../hll/hyperloglog';
import { BreakdownDelta, BucketDelta } from './bucket-accumulator';

/**
 * SQL for the bucket tables. Sketches are merged here, not in SQL (PostgreSQL has no HLL type
 * without an extension): the batch reads the current sketches of the rows it touches, merges,
 * and writes the merged sketch back in the same upsert. Safe because exactly one runner owns
 * a projection's tables at a time (advisory lock plus the checkpoint fence).
 */
export async function upsertBuckets(
  tx: PoolClient,
  table: string,
  deltas: Iterable<BucketDelta>,
): Promise<void> {
  const rows = [...deltas];
  if (rows.length === 0) return;
  const adIds = rows.map((r) => r.adId);
  const starts = rows.map((r) => new Date(r.bucketStart));
  // LATERAL forces one primary-key lookup per key; a plain join may hash the whole table,
  // which made catch-up slower the bigger the table got.
  const existing = await tx.query<{ ad_id: string; bucket_start: Date; users: Buffer }>(
    `SELECT k.ad_id, k.bucket_start, t.users
     FROM unnest($1::uuid[], $2::timestamptz[]) AS k(ad_id, bucket_start)
     CROSS JOIN LATERAL (
       SELECT users FROM ${table} WHERE ad_id = k.ad_id AND bucket_start = k.bucket_start
     ) AS t`,
    [adIds, starts],
  );
  const sketches = new Map(
    existing.rows.map((r) => [`${r.ad_id}|${r.bucket_start.getTime()}`, r.users]),
  );
  const users = rows.map((r) => {
    const merged = HyperLogLog.fromBytes(sketches.get(`${r.adId}|${r.bucketStart}`));
    merged.merge(r.users);
    return merged.toBytes();
  });
  await tx.query(
    `INSERT INTO ${table} AS t (ad_id, bucket_start, clicks, bot_clicks, paused_clicks, users)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bytea[])
     ON CONFLICT (ad_id, bucket_start) DO UPDATE SET
       clicks = t.clicks + EXCLUDED.clicks,
       bot_clicks = t.bot_clicks + EXCLUDED.bot_clicks,
       paused_clicks = t.paused_clicks + EXCLUDED.paused_clicks,
       users = EXCLUDED.users`,
    [
      adIds,
      starts,
      rows.map((r) => r.clicks),
      rows.map((r) => r.botClicks),
      rows.map((r) => r.pausedClicks),
      users,
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
