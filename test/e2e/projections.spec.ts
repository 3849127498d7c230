import { randomUUID } from 'node:crypto';
import { HyperLogLog } from '@app/read-models';
import {
  AppProcess,
  bucketMismatches,
  createTestDatabase,
  insertClicks,
  startApp,
  TEST_SECRETS,
  TestClick,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

const ads = Array.from({ length: 50 }, () => randomUUID());
const DAY = Date.parse('2026-11-20T00:00:00Z');

/** Clicks spread over 50 ads and about two days, with some bots. */
function clicks(n: number, seed: number): TestClick[] {
  return Array.from({ length: n }, (_, i) => ({
    adId: ads[(i * 7 + seed) % ads.length],
    clickedAt: new Date(DAY + ((i * 7_919 + seed * 104_729) % (2 * 86_400)) * 1000),
    userKey: `u:${(i * 31 + seed) % 3_000}`,
    bot: i % 23 === 0,
    country: i % 5 === 0 ? null : ['US', 'DE', 'FR'][i % 3],
  }));
}

/** The projector as a real child process over a real database. */
describe('projections', () => {
  let db: TestDatabase;
  const projectors: AppProcess[] = [];

  async function projector(extra: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startApp('projector', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      PROJECTION_BATCH_SIZE: '500',
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

  beforeEach(async () => {
    db = await createTestDatabase('projections');
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.kill()));
    await db.drop();
  });

  it('counts every click exactly once across SIGKILLs at random moments', async () => {
    const total = 20_000;
    const all = clicks(total, 1);
    const killedMidway: number[] = [];
    // Feed the log in chunks while the projector works, and kill it without warning each time.
    for (let round = 0; round < 4; round++) {
      await insertClicks(db.pool, all.slice(round * 5_000, (round + 1) * 5_000));
      // Small batches: many transactions per round, so a kill lands between or inside them.
      const app = await projector({ PROJECTION_BATCH_SIZE: '100' });
      const started = Date.now();
      while ((await applied()) <= round * 5_000 && Date.now() - started < 10_000)
        await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      await app.kill();
      const at = await applied();
      if (at > round * 5_000 && at < (round + 1) * 5_000) killedMidway.push(at);
    }
    // The kills must really have landed mid-stream for this test to prove anything.
    expect(killedMidway.length).toBeGreaterThanOrEqual(3);

    await projector();
    await waitForProjected(db.pool, 'click-buckets', total);
    expect(await applied()).toBe(total);
    for (const granularity of ['minute', 'hour', 'day', 'hour_shifted'] as const) {
      expect(await bucketMismatches(db.pool, granularity)).toEqual([]);
    }
  });

  // An invalid click counts under each of its reasons: invalid_reason rows need not sum to the
  // bucket, and are left out here (the traffic-quality tests count them).
  it('keeps minute, hour and day buckets in agreement, and every breakdown summing to its bucket', async () => {
    await insertClicks(db.pool, clicks(6_000, 2));
    await projector();
    await waitForProjected(db.pool, 'click-buckets', 6_000);
    const { rows } = await db.pool.query(`
      WITH m AS (SELECT ad_id, date_trunc('hour', bucket_start AT TIME ZONE 'UTC') AS h, sum(clicks) c, sum(bot_clicks) b FROM click_minute GROUP BY 1, 2),
           h AS (SELECT ad_id, bucket_start AT TIME ZONE 'UTC' AS h, clicks c, bot_clicks b FROM click_hour),
           hd AS (SELECT ad_id, date_trunc('day', bucket_start AT TIME ZONE 'UTC') AS d, sum(clicks) c, sum(bot_clicks) b FROM click_hour GROUP BY 1, 2),
           d AS (SELECT ad_id, bucket_start AT TIME ZONE 'UTC' AS d, clicks c, bot_clicks b FROM click_day),
           bd AS (SELECT ad_id, bucket_start AT TIME ZONE 'UTC' AS d, dimension, sum(clicks) c, sum(bot_clicks) b FROM click_breakdown_day WHERE dimension <> 'invalid_reason' GROUP BY 1, 2, 3),
           bh AS (SELECT ad_id, bucket_start AT TIME ZONE 'UTC' AS h, dimension, sum(clicks) c, sum(bot_clicks) b FROM click_breakdown_hour WHERE dimension <> 'invalid_reason' GROUP BY 1, 2, 3),
           bm AS (SELECT ad_id, bucket_start AS t, dimension, sum(clicks) c, sum(bot_clicks) b FROM click_breakdown_minute WHERE dimension <> 'invalid_reason' GROUP BY 1, 2, 3),
           dims AS (SELECT unnest(ARRAY['country', 'device', 'placement', 'browser', 'os', 'referrer']) AS dimension)
      SELECT 'minute-hour' AS pair, count(*) AS n FROM m FULL JOIN h USING (ad_id, h) WHERE m.c IS DISTINCT FROM h.c OR m.b IS DISTINCT FROM h.b
      UNION ALL SELECT 'hour-day', count(*) FROM hd FULL JOIN d USING (ad_id, d) WHERE hd.c IS DISTINCT FROM d.c OR hd.b IS DISTINCT FROM d.b
      UNION ALL SELECT 'breakdown-day', count(*) FROM bd JOIN d USING (ad_id, d) WHERE bd.c <> d.c OR bd.b <> d.b
      UNION ALL SELECT 'breakdown-hour', count(*) FROM (h CROSS JOIN dims) FULL JOIN bh USING (ad_id, h, dimension) WHERE h.c IS DISTINCT FROM bh.c OR h.b IS DISTINCT FROM bh.b
      UNION ALL SELECT 'breakdown-minute', count(*) FROM (SELECT ad_id, bucket_start AS t, clicks c, bot_clicks b FROM click_minute) m CROSS JOIN dims FULL JOIN bm USING (ad_id, t, dimension) WHERE m.c IS DISTINCT FROM bm.c OR m.b IS DISTINCT FROM bm.b`);
    expect(rows.map((r: { pair: string; n: string }) => [r.pair, Number(r.n)])).toEqual([
      ['minute-hour', 0],
      ['hour-day', 0],
      ['breakdown-day', 0],
      ['breakdown-hour', 0],
      ['breakdown-minute', 0],
    ]);
    const { rows: sums } = await db.pool.query(
      `SELECT sum(clicks) + sum(bot_clicks) AS n FROM click_day`,
    );
    expect(Number(sums[0].n)).toBe(6_000);
  });

  it('estimates unique users within 3%, per day and merged over two overlapping days', async () => {
    const adId = ads[0];
    const day1: TestClick[] = Array.from({ length: 100_000 }, (_, i) => ({
      adId,
      clickedAt: new Date(DAY + (i % 86_400) * 1000),
      userKey: `u:person-${i % 20_000}`,
    }));
    // Day two: 20,000 users, half of them seen on day one.
    const day2: TestClick[] = Array.from({ length: 40_000 }, (_, i) => ({
      adId,
      clickedAt: new Date(DAY + 86_400_000 + (i % 86_400) * 1000),
      userKey: `u:person-${10_000 + (i % 20_000)}`,
    }));
    await insertClicks(db.pool, [...day1, ...day2]);
    await projector({ PROJECTION_BATCH_SIZE: '5000' });
    await waitForProjected(db.pool, 'click-buckets', 140_000, 120_000);

    const { rows } = await db.pool.query<{ users: Buffer; clicks: string }>(
      'SELECT users, clicks FROM click_day WHERE ad_id = $1 ORDER BY bucket_start',
      [adId],
    );
    expect(rows.map((r) => Number(r.clicks))).toEqual([100_000, 40_000]);
    const first = HyperLogLog.fromBytes(rows[0].users);
    expect(Math.abs(first.estimate() - 20_000) / 20_000).toBeLessThan(0.03);
    const union = HyperLogLog.fromBytes(rows[0].users);
    union.merge(HyperLogLog.fromBytes(rows[1].users));
    expect(Math.abs(union.estimate() - 30_000) / 30_000).toBeLessThan(0.03);
    // Summing would say 40,000: the merge must not.
  });

  it('puts a late click into its own old bucket', async () => {
    await projector();
    const adId = ads[1];
    await insertClicks(db.pool, [{ adId, clickedAt: new Date(), userKey: 'u:now' }]);
    await waitForProjected(db.pool, 'click-buckets', 1);
    const late = new Date(Date.now() - 5 * 3_600_000);
    await insertClicks(db.pool, [{ adId, clickedAt: late, userKey: 'u:late' }]);
    await waitForProjected(db.pool, 'click-buckets', 2);
    const { rows } = await db.pool.query<{ bucket_start: Date; clicks: string }>(
      'SELECT bucket_start, clicks FROM click_hour WHERE ad_id = $1 ORDER BY bucket_start',
      [adId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].bucket_start.getTime()).toBe(Math.floor(late.getTime() / 3_600_000) * 3_600_000);
    expect(Number(rows[0].clicks)).toBe(1);
  });

  it('stays exact with two projector processes started together', async () => {
    await insertClicks(db.pool, clicks(8_000, 3));
    await Promise.all([projector(), projector()]);
    await insertClicks(db.pool, clicks(4_000, 4));
    await waitForProjected(db.pool, 'click-buckets', 12_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await applied()).toBe(12_000);
    for (const granularity of ['minute', 'hour', 'day', 'hour_shifted'] as const) {
      expect(await bucketMismatches(db.pool, granularity)).toEqual([]);
    }
  });

  it('sets malformed events aside in the dead-letter table and goes on', async () => {
    const brokenAd = randomUUID();
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
       VALUES ('click-broken', 0, $1, 'ClickRecorded', $2)`,
      [
        randomUUID(),
        JSON.stringify({
          version: 1,
          adId: brokenAd,
          clickedAt: '2026-11-20T00:00:00Z',
          device: 'toaster',
        }),
      ],
    );
    // Well-formed but for one field the read models cannot store: an ad id that is not a UUID,
    // a time past PostgreSQL's timestamps. Each would fail its batch on every retry.
    const complete = {
      version: 1,
      impressionId: 'imp-unstorable',
      adId: randomUUID(),
      advertiserId: randomUUID(),
      userKey: 'u:unstorable',
      clickedAt: '2026-11-20T00:00:00Z',
      device: 'mobile',
      bot: false,
    };
    for (const [i, data] of [
      { ...complete, adId: 'not-a-uuid' },
      { ...complete, clickedAt: '+300000-01-01T00:00:00Z' },
    ].entries())
      await db.pool.query(
        `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
         VALUES ($1, 0, $2, 'ClickRecorded', $3)`,
        [`click-unstorable-${i}`, randomUUID(), JSON.stringify(data)],
      );
    await insertClicks(db.pool, [{ adId: ads[2], clickedAt: new Date(DAY), userKey: 'u:x' }]);
    await projector();
    await waitForProjected(db.pool, 'click-buckets', 4);
    const { rows } = await db.pool.query<{ event_type: string; error: string }>(
      'SELECT event_type, error FROM projection_dead_letters ORDER BY id',
    );
    expect(rows.map((r) => r.error)).toEqual([
      expect.stringMatching(/malformed ClickRecorded/),
      expect.stringMatching(/adId is not a UUID/),
      expect.stringMatching(/clickedAt is not a timestamp/),
    ]);
    // The recount below casts the log's fields as the read models do, so it cannot read them
    // either: they leave the log of this test database once they are known to be set aside.
    await db.pool.query("DELETE FROM events WHERE stream_id LIKE 'click-unstorable-%'");
    // The only difference from the log: the broken event (which counts as neither click nor bot).
    expect(await bucketMismatches(db.pool, 'day')).toEqual([
      expect.objectContaining({
        ad_id: brokenAd,
        log_clicks: '0',
        log_bot_clicks: '0',
        projected_clicks: null,
      }),
    ]);
  });
});
