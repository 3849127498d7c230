import { randomUUID } from 'node:crypto';
import {
  BucketTables,
  hashKey,
  HyperLogLog,
  LIVE_BUCKET_TABLES,
  SketchBuilder,
} from '@app/read-models';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { inTransaction } from '../framework/in-transaction';
import { createShadowTables, shadowName } from '../rebuild/shadow-tables';
import { appendBreakdowns, appendBuckets } from './bucket-bulk-load';
import { consolidateBuckets } from './bucket-consolidation';
import { BreakdownDelta } from './bucket-accumulator';
import { BucketRow } from './bucket-rows';
import { CLICK_BUCKETS_PROJECTION } from './click-buckets.definition';

const shadow = Object.fromEntries(
  Object.entries(LIVE_BUCKET_TABLES).map(([k, name]) => [k, shadowName(name)]),
) as unknown as BucketTables;

const START = Date.parse('2026-11-20T00:00:00Z');

/** One key of a bucket table, loaded in `parts` rows (more than one: it straddled flushes). */
interface BucketKey {
  readonly adId: string;
  readonly bucketStart: number;
  readonly parts: number;
}

/** Part `p` of a key: its own counters and users, so sums and merged sketches are checked. */
function bucketPart(key: BucketKey, p: number): BucketRow & { userKeys: string[] } {
  const userKeys = Array.from({ length: 3 + p }, (_, u) => `u-${key.adId}-${p}-${u}`);
  const users = new SketchBuilder();
  for (const user of userKeys) users.addHash(hashKey(user));
  return {
    adId: key.adId,
    bucketStart: key.bucketStart,
    clicks: 10 + p,
    botClicks: p,
    invalidClicks: 2 * p,
    pausedClicks: 1,
    users: users.toBytes(),
    userKeys,
  };
}

function breakdownPart(key: BucketKey, p: number, value: string): BreakdownDelta {
  return {
    adId: key.adId,
    bucketStart: key.bucketStart,
    dimension: 'referrer',
    value,
    clicks: 5 + p,
    botClicks: p,
    invalidClicks: 1,
  };
}

/** `n` keys; `straddling` of them in two or three parts, the others in one. */
function keys(n: number, straddling: number): BucketKey[] {
  const ads = [randomUUID(), randomUUID(), randomUUID()];
  return Array.from({ length: n }, (_, i) => ({
    adId: ads[i % ads.length],
    bucketStart: START + i * 60_000,
    parts: i < straddling ? 2 + (i % 2) : 1,
  }));
}

/**
 * The bulk replay appends each flush's deltas to keyless shadow tables; consolidation must
 * leave exactly one row per key, its counters summed and its sketch the merge of its parts,
 * whether few keys straddled flushes (merged in place) or most did (the table rewritten). The
 * breakdown lines are long enough to be sent in several chunks.
 */
describe('bulk load of bucket tables', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('bulk_load');
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each([
    ['few keys straddle', 3_000, 40],
    ['most keys straddle', 600, 500],
  ])('%s: one row per key, counters summed, sketches merged', async (_label, n, straddling) => {
    await createShadowTables(db.pool, CLICK_BUCKETS_PROJECTION.tables, { primaryKey: false });
    const all = keys(n, straddling);
    const value = (key: BucketKey) => `news\\example\t${key.bucketStart % 7}.com`;
    // Parts in flush order: every key's first part, then the second parts, then the third.
    for (let p = 0; p < 3; p++)
      await inTransaction(db.pool, async (tx) => {
        const these = all.filter((k) => k.parts > p);
        await appendBuckets(
          tx,
          shadow.minute,
          these.map((k) => bucketPart(k, p)),
        );
        await appendBreakdowns(
          tx,
          shadow.breakdownMinute,
          these.map((k) => breakdownPart(k, p, value(k))),
        );
      });

    await inTransaction(db.pool, (tx) => consolidateBuckets(tx, shadow));

    const buckets = await db.pool.query<{
      ad_id: string;
      bucket_start: Date;
      clicks: string;
      bot_clicks: string;
      invalid_clicks: string;
      paused_clicks: string;
      users: Buffer;
      unique_users: number;
    }>(`SELECT * FROM ${shadow.minute}`);
    expect(buckets.rows).toHaveLength(n);
    const byKey = new Map(buckets.rows.map((r) => [`${r.ad_id}|${r.bucket_start.getTime()}`, r]));
    for (const key of all) {
      const row = byKey.get(`${key.adId}|${key.bucketStart}`)!;
      const parts = Array.from({ length: key.parts }, (_, p) => bucketPart(key, p));
      const users = new SketchBuilder();
      for (const part of parts) for (const user of part.userKeys) users.addHash(hashKey(user));
      const expected = users.toBytes();
      expect({
        clicks: Number(row.clicks),
        botClicks: Number(row.bot_clicks),
        invalidClicks: Number(row.invalid_clicks),
        pausedClicks: Number(row.paused_clicks),
        users: row.users.toString('hex'),
        uniqueUsers: row.unique_users,
      }).toEqual({
        clicks: parts.reduce((s, r) => s + r.clicks, 0),
        botClicks: parts.reduce((s, r) => s + r.botClicks, 0),
        invalidClicks: parts.reduce((s, r) => s + r.invalidClicks, 0),
        pausedClicks: key.parts,
        users: expected.toString('hex'),
        uniqueUsers: HyperLogLog.estimateBytes(expected),
      });
    }

    const breakdowns = await db.pool.query<{
      ad_id: string;
      bucket_start: Date;
      value: string;
      clicks: string;
      bot_clicks: string;
      invalid_clicks: string;
    }>(`SELECT * FROM ${shadow.breakdownMinute}`);
    expect(breakdowns.rows).toHaveLength(n);
    const breakdownByKey = new Map(
      breakdowns.rows.map((r) => [`${r.ad_id}|${r.bucket_start.getTime()}|${r.value}`, r]),
    );
    for (const key of all) {
      const row = breakdownByKey.get(`${key.adId}|${key.bucketStart}|${value(key)}`)!;
      const parts = Array.from({ length: key.parts }, (_, p) => breakdownPart(key, p, value(key)));
      expect([Number(row.clicks), Number(row.bot_clicks), Number(row.invalid_clicks)]).toEqual([
        parts.reduce((s, r) => s + r.clicks, 0),
        parts.reduce((s, r) => s + r.botClicks, 0),
        key.parts,
      ]);
    }
  });
});
