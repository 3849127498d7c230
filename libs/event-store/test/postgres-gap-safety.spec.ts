import { randomUUID } from 'node:crypto';
import { PostgresEventStore, Position } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '@app/testing';

/**
 * The lost-event race of identity-ordered Postgres logs: transaction A takes position 10,
 * B takes 11 and commits first; a reader sees 11, checkpoints it, and never sees 10.
 * Here 8 writers hold overlapping transactions open for random moments while a subscriber
 * reads and checkpoints (restarting from its checkpoint every few hundred events). Every
 * event must arrive exactly once. Removing the visibility rule in PostgresEventStore makes
 * this test fail (checked by hand when it was written).
 */
describe('PostgreSQL event store gap safety', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('gaps');
    store = new PostgresEventStore(db.pool, { idlePollMs: 1 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('delivers every event exactly once to a checkpointing subscriber under concurrent writers', async () => {
    const writers = 8;
    const transactionsPerWriter = 150;
    const written = new Set<string>();
    let attempted = 0;

    async function writer(w: number): Promise<void> {
      const client = await db.pool.connect();
      try {
        for (let t = 0; t < transactionsPerWriter; t++) {
          const ids = Array.from({ length: 1 + (t % 4) }, () => randomUUID());
          attempted += ids.length;
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
             SELECT 'gap-' || e, 0, e, 'GapTested', '{}'::jsonb FROM unnest($1::uuid[]) AS e`,
            [ids],
          );
          // Hold the transaction open so later-numbered rows of other writers commit first.
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.004]);
          await client.query('COMMIT');
          ids.forEach((id) => written.add(id));
        }
        // Group-commit appends go through the same path as clicks.
        await Promise.all(
          Array.from(
            { length: 100 },
            (_, i) =>
              ++attempted &&
              store
                .append(
                  `gap-w${w}-${i}`,
                  [{ eventId: randomUUID(), type: 'GapTested', data: {} }],
                  'no-stream',
                )
                .then((r) => {
                  if (r.outcome === 'appended') written.add(`w${w}-${i}`);
                }),
          ),
        );
      } finally {
        client.release();
      }
    }

    const seen = new Map<string, number>();
    const countSeen = (): number => [...written].filter((id) => seen.has(id)).length;
    let checkpoint: Position | null = null;
    let writing = true;
    const subscriber = (async () => {
      // Each pass is a "process lifetime": it resumes from the stored checkpoint and stops
      // after a few hundred events, as a projector crash or restart would.
      // Ends once every written event was seen (or at a deadline, so a bug fails, not hangs).
      // An empty read does not mean "done": any open transaction in the cluster (autovacuum's
      // ANALYZE, say) holds visibility back for a moment; that delays events, never loses them.
      const deadline = Date.now() + 60_000;
      while ((writing || countSeen() < written.size) && Date.now() < deadline) {
        const controller = new AbortController();
        let taken = 0;
        const idle = setTimeout(() => controller.abort(), 200);
        for await (const event of store.subscribeToAll({
          from: checkpoint,
          eventTypes: ['GapTested'],
          signal: controller.signal,
        })) {
          const key = event.streamId.startsWith('gap-w') ? event.streamId.slice(4) : event.eventId;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          checkpoint = event.position;
          if (++taken === 300) controller.abort();
          idle.refresh();
        }
        clearTimeout(idle);
      }
    })();

    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await subscriber;

    expect(written.size).toBe(attempted);
    const missing = [...written].filter((id) => !seen.has(id));
    const duplicated = [...seen].filter(([, n]) => n > 1);
    expect({ missing: missing.length, duplicated: duplicated.length }).toEqual({
      missing: 0,
      duplicated: 0,
    });
    expect(seen.size).toBe(written.size);
  });
});
