import { randomUUID } from 'node:crypto';
import { CLICK_RECORDED } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { BucketTables, hashKey, LIVE_BUCKET_TABLES } from '@app/read-models';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { inTransaction } from '../framework/in-transaction';
import { createShadowTables, shadowName } from '../rebuild/shadow-tables';
import { CLICK_BUCKETS_PROJECTION } from './click-buckets.definition';
import { ClickBucketsBulkLoad } from './click-buckets.projection';
import { QualityRules } from './traffic-quality/quality-rules';
import { userHashText } from './traffic-quality/repeat-memory';

const shadow = Object.fromEntries(
  Object.entries(LIVE_BUCKET_TABLES).map(([k, name]) => [k, shadowName(name)]),
) as unknown as BucketTables;

const rules: QualityRules = { minClickDelayMs: 0, repeatMaxClicks: 2, repeatWindowMs: 3_600_000 };
const START = Date.parse('2026-11-20T10:00:00Z');

let position = 0;
function click(adId: string, userKey: string, at: number): RecordedEvent {
  position++;
  return {
    eventId: randomUUID(),
    type: CLICK_RECORDED,
    streamId: `click-${position}`,
    revision: 0n,
    position: String(position).padStart(20, '0'),
    data: {
      version: 1,
      impressionId: `imp-${position}`,
      adId,
      advertiserId: randomUUID(),
      clickedAt: new Date(at).toISOString(),
      userKey,
      country: 'US',
      device: 'desktop',
      bot: false,
      placement: null,
      adPaused: false,
    },
    metadata: {},
    recordedAt: new Date(at),
  };
}

/**
 * The rebuild's replay holds the next events while a flush taken before them is written: the
 * flush must write what was held at its checkpoint, the repeat memory included, and nothing
 * held after it (else a resumed replay would load a memory that already saw events it then
 * reads again, and judge their repeats twice).
 */
describe('a held flush of the bulk replay', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('held_flush');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes what was held when it was taken, not what was held after', async () => {
    await createShadowTables(db.pool, CLICK_BUCKETS_PROJECTION.tables, { primaryKey: false });
    const [adA, adB] = [randomUUID(), randomUUID()];
    const bulk = new ClickBucketsBulkLoad(shadow, rules);
    // Before the flush: three clicks of one user on ad A (the third a repeat).
    bulk.hold([0, 1, 2].map((i) => click(adA, 'u:1', START + i * 60_000)));
    const flush = bulk.take();
    // After it, before it is written: the same pair again, and a new pair on ad B.
    bulk.hold([click(adA, 'u:1', START + 3 * 60_000), click(adB, 'u:2', START + 4 * 60_000)]);

    await inTransaction(db.pool, (tx) => flush.write(tx));

    const state = async () =>
      (
        await db.pool.query<{ ad_id: string; user_hash: string; recent: string[] }>(
          `SELECT ad_id, user_hash::text AS user_hash, recent::text[] AS recent
             FROM ${shadow.repeatState} ORDER BY ad_id = $1 DESC`,
          [adA],
        )
      ).rows;
    const clicks = async () =>
      (
        await db.pool.query<{ valid: string; invalid: string }>(
          `SELECT sum(clicks)::text AS valid, sum(invalid_clicks)::text AS invalid
             FROM ${shadow.minute}`,
        )
      ).rows[0];
    const user1 = userHashText(hashKey('u:1'));
    expect(await state()).toEqual([
      { ad_id: adA, user_hash: user1, recent: [START + 60_000, START + 2 * 60_000].map(String) },
    ]);
    expect(await clicks()).toEqual({ valid: '2', invalid: '1' });

    await inTransaction(db.pool, (tx) => bulk.take().write(tx));

    expect(await state()).toEqual([
      {
        ad_id: adA,
        user_hash: user1,
        recent: [START + 2 * 60_000, START + 3 * 60_000].map(String),
      },
      { ad_id: adB, user_hash: userHashText(hashKey('u:2')), recent: [String(START + 4 * 60_000)] },
    ]);
    expect(await clicks()).toEqual({ valid: '3', invalid: '2' });
  });
});
