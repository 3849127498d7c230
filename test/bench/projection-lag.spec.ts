import { createTestDatabase, insertClicks, TestDatabase } from '@app/testing';
import {
  LAGGED_PROJECTION,
  PROJECTION_LAG_SQL,
  projectionLagMs,
} from '../../bench/sustained/projection-lag';

interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

const AD = '00000000-0000-4000-8000-0000000000a1';

function clicks(n: number): Parameters<typeof insertClicks>[1] {
  return Array.from({ length: n }, (_, i) => ({
    adId: AD,
    clickedAt: new Date(),
    userKey: `u${i}`,
  }));
}

/** Moves the probed projection's checkpoint to the newest event of the log. */
async function checkpointAtHead(db: TestDatabase): Promise<void> {
  await db.pool.query(
    `INSERT INTO projection_checkpoints (projection, position)
     SELECT $1, lpad(transaction_id::text, 20, '0') || '-' || lpad(global_position::text, 19, '0')
       FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1
     ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position`,
    [LAGGED_PROJECTION],
  );
}

/**
 * The sustained bench samples the lag four times a second while the log grows by thousands of
 * events a second: the probe must start its scan at the checkpoint, not read the log up to it
 * (issue 16: a plain join read the whole log, up to 1.7 s and 109k buffers a call).
 */
describe('the sustained bench lag probe', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('lag_probe');
    await insertClicks(db.pool, clicks(20_000));
    await checkpointAtHead(db);
    await db.pool.query('VACUUM ANALYZE events');
  });
  afterAll(() => db.drop());

  it('reads a few buffers, not the log behind the checkpoint', async () => {
    const { rows } = await db.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${PROJECTION_LAG_SQL}`,
      [LAGGED_PROJECTION],
    );
    const plan = rows[0]['QUERY PLAN'][0].Plan;
    expect(plan['Shared Hit Blocks'] + plan['Shared Read Blocks']).toBeLessThan(50);
  });

  it('says 0 when caught up and the oldest unprojected event’s age when behind', async () => {
    expect(await projectionLagMs(db.pool)).toBe(0);
    await insertClicks(db.pool, clicks(3));
    await new Promise((r) => setTimeout(r, 50));
    const lag = await projectionLagMs(db.pool);
    expect(lag).toBeGreaterThanOrEqual(40);
    expect(lag).toBeLessThan(60_000);
    await checkpointAtHead(db);
    expect(await projectionLagMs(db.pool)).toBe(0);
  });
});
