import {
  AppProcess,
  createTestDatabase,
  insertClicks,
  startApp,
  TEST_SECRETS,
  TestClick,
  TestDatabase,
  waitForProjected,
} from '@app/testing';
import { projected, recount } from './quality-recount';

const START = Date.parse('2026-11-20T10:00:00Z');
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
const ADS = [
  '00000000-0000-4000-8000-0000000000a1',
  '00000000-0000-4000-8000-0000000000a2',
  '00000000-0000-4000-8000-0000000000a3',
];

/**
 * Users who click the same ads again and again, in time order: a third or so of these clicks
 * are repeats, each decided by the clicks before it, some of them in earlier batches.
 */
function eagerClicks(n: number): TestClick[] {
  return Array.from({ length: n }, (_, i) => ({
    adId: ADS[(i * 7) % ADS.length],
    clickedAt: new Date(START + i * 250),
    userKey: `u:${(i * 13) % 120}`,
    facts: {
      userAgent: FIREFOX,
      msSinceMint: 5_000,
      // The odd data-centre click: invalid for its own reason, and still one of the user's clicks.
      addressClass: i % 17 === 0 ? 'datacenter' : 'other',
    },
  }));
}

/** The repeat rule's memory is written with the buckets and the checkpoint: kills lose nothing. */
describe('repeat rule across projector crashes', () => {
  let db: TestDatabase;
  const projectors: AppProcess[] = [];
  const rules = { minClickDelayMs: 1_000, repeatMaxClicks: 3, repeatWindowMs: 600_000 };

  async function projector(extra: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startApp('projector', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      QUALITY_MIN_CLICK_DELAY: '1s',
      QUALITY_REPEAT_MAX_CLICKS: '3',
      QUALITY_REPEAT_WINDOW: '10m',
      ...extra,
    });
    projectors.push(app);
    return app;
  }

  async function applied(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT events_applied AS n FROM projection_checkpoints WHERE projection = 'click-buckets'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  beforeAll(async () => {
    db = await createTestDatabase('repeat_crashes');
  });
  afterAll(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.kill()));
    await db.drop();
  });

  it('judges every repeat exactly once across SIGKILLs at random moments', async () => {
    const perRound = 1_000;
    const all = eagerClicks(4 * perRound);
    const killedMidway: number[] = [];
    for (let round = 0; round < 4; round++) {
      await insertClicks(db.pool, all.slice(round * perRound, (round + 1) * perRound));
      // Small batches: many transactions per round, so a kill lands between or inside them.
      const app = await projector({ PROJECTION_BATCH_SIZE: '40' });
      const started = Date.now();
      while ((await applied()) <= round * perRound && Date.now() - started < 10_000)
        await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      await app.kill();
      const at = await applied();
      if (at > round * perRound && at < (round + 1) * perRound) killedMidway.push(at);
    }
    // The kills must really have landed mid-stream for this test to prove anything.
    expect(killedMidway.length).toBeGreaterThanOrEqual(3);

    await projector();
    await waitForProjected(db.pool, 'click-buckets', all.length);
    const truth = await recount(db.pool, rules);
    const repeats = [...truth.values()].reduce((n, c) => n + c.invalid, 0);
    expect(repeats).toBeGreaterThan(all.length / 4);
    expect(await projected(db.pool)).toEqual(truth);
  });
});
