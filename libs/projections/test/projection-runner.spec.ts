import { randomUUID } from 'node:crypto';
import { CLICK_RECORDED } from '@app/contracts';
import { EventStore, RecordedEvent, SubscribeOptions } from '@app/event-store';
import { CheckpointStore, CLICK_BUCKETS } from '@app/read-models';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { ProjectionContext } from '../src/framework/projection-context';
import { ProjectionRunner } from '../src/framework/projection-runner';
import { ProjectionDefinition } from '../src/framework/projection-definition';
import { CLICK_BUCKETS_PROJECTION } from '../src/click-buckets/click-buckets.definition';

const AD = randomUUID();
const EVENTS: RecordedEvent[] = Array.from({ length: 60 }, (_, i) => ({
  eventId: randomUUID(),
  type: CLICK_RECORDED,
  streamId: `click-${i}`,
  revision: 0n,
  position: String(i + 1).padStart(20, '0'),
  data: {
    version: 1,
    impressionId: `imp-${i}`,
    adId: AD,
    advertiserId: randomUUID(),
    clickedAt: new Date(Date.parse('2026-11-20T10:00:00Z') + i * 1_000).toISOString(),
    userKey: `u:${i}`,
    country: 'US',
    device: 'desktop',
    bot: false,
    placement: null,
    adPaused: false,
  },
  metadata: {},
  recordedAt: new Date(),
}));

/**
 * The log as the runner sees it: the events after the checkpoint, then an idle wait. Only the
 * subscription is the store's part here; the read models and checkpoints are real PostgreSQL.
 */
const store = {
  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    // Like the real stores: a subscription opened with an aborted signal reads nothing.
    if (options.signal?.aborted) return;
    for (const event of EVENTS)
      if (options.from === null || event.position > options.from) yield event;
    await new Promise<void>((resolve) =>
      options.signal?.addEventListener('abort', () => resolve()),
    );
  },
} as unknown as EventStore;

const context: ProjectionContext = {
  quality: { minClickDelayMs: 1_000, repeatMaxClicks: 3, repeatWindowMs: 3_600_000 },
};

describe('ProjectionRunner', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('runner');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('prepares the next batch while the previous one writes, and a failed write loses and repeats nothing', async () => {
    const steps: string[] = [];
    let failed = false;
    const live = CLICK_BUCKETS_PROJECTION.create((t) => t, context);
    const definition: ProjectionDefinition = {
      ...CLICK_BUCKETS_PROJECTION,
      create: () => ({
        prepare: (events) => {
          const n = Number(events[0].position) / 10 + 0.9;
          steps.push(`prepare ${Math.round(n)}`);
          const prepared = live.prepare(events);
          return {
            write: async (tx) => {
              steps.push(`write ${Math.round(n)}`);
              // Long enough for the next batch to be prepared meanwhile.
              await new Promise((r) => setTimeout(r, 100));
              if (Math.round(n) === 3 && !failed) {
                failed = true;
                throw new Error('injected write failure');
              }
              const outcome = await prepared.write(tx);
              steps.push(`wrote ${Math.round(n)}`);
              return outcome;
            },
          };
        },
      }),
    };
    const controller = new AbortController();
    const runner = new ProjectionRunner(
      definition,
      store,
      db.pool,
      new CheckpointStore(db.pool),
      { maxBatch: 10, maxWaitMs: 20 },
      context,
    );
    const running = runner.run(controller.signal);
    for (;;) {
      const { rows } = await db.pool.query<{ n: string }>(
        `SELECT events_applied AS n FROM projection_checkpoints WHERE projection = $1`,
        [CLICK_BUCKETS],
      );
      if (Number(rows[0]?.n ?? 0) >= EVENTS.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    await running;

    // Batch 2 was prepared before batch 1's write finished.
    expect(steps.indexOf('prepare 2')).toBeLessThan(steps.indexOf('wrote 1'));
    expect(failed).toBe(true);
    const { rows } = await db.pool.query<{ clicks: string }>(
      'SELECT sum(clicks) AS clicks FROM click_minute WHERE ad_id = $1',
      [AD],
    );
    expect(Number(rows[0].clicks)).toBe(EVENTS.length);
  });

  it('stops when shutdown comes while it loads its checkpoint', async () => {
    const controller = new AbortController();
    // The shutdown lands in the window between starting an attempt and subscribing to the log.
    class AbortingCheckpoints extends CheckpointStore {
      override async load(projection: string): ReturnType<CheckpointStore['load']> {
        const checkpoint = await super.load(projection);
        controller.abort();
        return checkpoint;
      }
    }
    const runner = new ProjectionRunner(
      CLICK_BUCKETS_PROJECTION,
      store,
      db.pool,
      new AbortingCheckpoints(db.pool),
      { maxBatch: 10, maxWaitMs: 20 },
      context,
    );
    const stopped = await Promise.race([
      runner.run(controller.signal).then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still running after 3 s'), 3_000).unref()),
    ]);
    expect(stopped).toBe('stopped');
  });
});
