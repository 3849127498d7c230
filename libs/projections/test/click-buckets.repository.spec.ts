import { randomUUID } from 'node:crypto';
import { HyperLogLog } from '@app/read-models';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { BucketRow } from '../src/click-buckets/bucket-rows';
import { prepareBuckets, upsertBuckets } from '../src/click-buckets/click-buckets.repository';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-20T00:00:00Z');
/** Stored buckets: enough that hashing the table would look cheaper to the planner than lookups. */
const STORED = 20_000;
/** Buckets of one batch that are already stored (the rest of the batch is new). */
const EXISTING = 400;

function sketchOf(...users: string[]): Buffer {
  const hll = new HyperLogLog();
  for (const user of users) hll.add(user);
  return hll.toBytes();
}

function row(adId: string, bucketStart: number, users: Buffer): BucketRow {
  return { adId, bucketStart, clicks: 2, botClicks: 1, invalidClicks: 1, pausedClicks: 0, users };
}

describe('upsertBuckets', () => {
  let db: TestDatabase;
  const ads = Array.from({ length: STORED / 100 }, () => randomUUID());

  beforeAll(async () => {
    db = await createTestDatabase('bucket_upsert');
    // 100 hours for each ad, each with one user, as a catch-up that has come a long way leaves them.
    await db.pool.query(
      `INSERT INTO click_hour (ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks, users, unique_users)
       SELECT a, to_timestamp(($2::bigint + h * $3::bigint) / 1000.0), 1, 0, 0, 0, $4::bytea, 1
         FROM unnest($1::uuid[]) AS a, generate_series(0, 99) AS h`,
      [ads, START, HOUR, sketchOf('stored-user')],
    );
    await db.pool.query('ANALYZE click_hour');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('adds to stored buckets and merges their sketches through the primary key alone', async () => {
    const existing = ads
      .slice(0, EXISTING / 2)
      .flatMap((ad) => [
        row(ad, START, sketchOf('new-user')),
        row(ad, START + HOUR, sketchOf('stored-user')),
      ]);
    const fresh = row(randomUUID(), START, sketchOf('new-user'));
    const tx = await db.pool.connect();
    try {
      await tx.query('BEGIN');
      await upsertBuckets(tx, 'click_hour', prepareBuckets([...existing, fresh]));
      // This transaction's own scans: a batch of a few hundred buckets must never read the
      // whole table, or every batch of a catch-up costs more as the table grows.
      const { rows: scans } = await tx.query<{ seq_scan: string }>(
        `SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'click_hour'`,
      );
      await tx.query('COMMIT');
      expect(Number(scans[0].seq_scan)).toBe(0);
    } finally {
      tx.release();
    }

    const { rows } = await db.pool.query<{
      ad_id: string;
      at: string;
      clicks: string;
      bot_clicks: string;
      invalid_clicks: string;
      unique_users: number;
    }>(
      `SELECT ad_id, (extract(epoch FROM bucket_start) * 1000)::text AS at, clicks, bot_clicks,
              invalid_clicks, unique_users
         FROM click_hour WHERE ad_id = ANY($1::uuid[]) AND bucket_start <= to_timestamp($2 / 1000.0)`,
      [[ads[0], fresh.adId], START + HOUR],
    );
    const byKey = new Map(rows.map((r) => [`${r.ad_id}|${Number(r.at)}`, r]));
    // Stored 1 click of one user; the batch added 2 clicks of another user, or of the same one.
    expect(byKey.get(`${ads[0]}|${START}`)).toMatchObject({
      clicks: '3',
      bot_clicks: '1',
      invalid_clicks: '1',
      unique_users: 2,
    });
    expect(byKey.get(`${ads[0]}|${START + HOUR}`)).toMatchObject({ clicks: '3', unique_users: 1 });
    expect(byKey.get(`${fresh.adId}|${START}`)).toMatchObject({ clicks: '2', unique_users: 1 });
  });
});
