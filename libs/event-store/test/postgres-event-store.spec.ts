import { randomUUID } from 'node:crypto';
import { EventRejected, NewEvent, PostgresEventStore } from '@app/event-store';
import { createTestDatabase } from '@app/testing';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('contract');
  const store = new PostgresEventStore(db.pool);
  return {
    store,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL event store: an event the database refuses', () => {
  it('refuses only that event, appends the others of its batch, and says it will never fit', async () => {
    const db = await createTestDatabase('rejected');
    const store = new PostgresEventStore(db.pool);
    try {
      const event = (i: number, text: string): NewEvent => ({
        eventId: randomUUID(),
        type: 'Probe',
        data: { text, i },
      });
      // Submitted together, so group commit puts them in one INSERT.
      const results = await Promise.allSettled(
        ['fine', 'fine', 'nul\u0000inside', 'fine'].map((text, i) =>
          store.append(`probe-${i}`, [event(i, text)], 'no-stream'),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(EventRejected);
      const { rows } = await db.pool.query<{ stream_id: string }>(
        'SELECT stream_id FROM events ORDER BY stream_id',
      );
      expect(rows.map((r) => r.stream_id)).toEqual(['probe-0', 'probe-1', 'probe-3']);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
