import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent } from '@app/event-store';

/**
 * The behaviour every EventStore adapter must have. Streams and event types carry a per-run
 * suffix so the suite can run against a shared server (EventStoreDB's $all holds other data).
 */
export function eventStoreContract(
  name: string,
  connect: () => Promise<{ store: EventStore; close(): Promise<void> }>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;
    const run = randomUUID().slice(0, 8);
    const type = `ContractTested_${run}`;
    const event = (n: number, eventId: string = randomUUID()): NewEvent => ({
      eventId,
      type,
      data: { n },
      metadata: { correlationId: `c-${n}` },
    });

    beforeAll(async () => {
      ({ store, close } = await connect());
    });
    afterAll(() => close());

    async function readAllOfRun(): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      let from: string | null = null;
      for (;;) {
        const page = await store.readAll({ from, maxCount: 500, eventTypes: [type] });
        events.push(...page);
        if (page.length < 500) return events;
        from = page[page.length - 1].position;
      }
    }

    it('appends and reads back a stream and the global log', async () => {
      const stream = `contract-${run}-a`;
      const result = await store.append(stream, [event(1), event(2)], 'no-stream');
      expect(result).toMatchObject({ outcome: 'appended', nextRevision: 1n });

      const read = await store.readStream(stream);
      expect(read.map((e) => [e.revision, (e.data as { n: number }).n])).toEqual([
        [0n, 1],
        [1n, 2],
      ]);
      expect(read[0].metadata).toMatchObject({ correlationId: 'c-1' });
      expect(read[0].recordedAt).toBeInstanceOf(Date);

      const all = await readAllOfRun();
      expect(all.filter((e) => e.streamId === stream).map((e) => e.eventId)).toEqual(
        read.map((e) => e.eventId),
      );
    });

    it('answers already-exists to a second no-stream append, and writes nothing', async () => {
      const stream = `contract-${run}-b`;
      const first = event(1);
      expect((await store.append(stream, [first], 'no-stream')).outcome).toBe('appended');
      expect(await store.append(stream, [event(2)], 'no-stream')).toEqual({
        outcome: 'already-exists',
      });
      // The same event again (a retried click): never a second copy, whatever the outcome says.
      await store.append(stream, [first], 'no-stream');
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([first.eventId]);
    });

    it('checks an exact expected revision', async () => {
      const stream = `contract-${run}-c`;
      await store.append(stream, [event(1)], 'no-stream');
      expect(await store.append(stream, [event(2)], 0n)).toMatchObject({
        outcome: 'appended',
        nextRevision: 1n,
      });
      expect(await store.append(stream, [event(3)], 0n)).toEqual({
        outcome: 'wrong-revision',
        actualRevision: 1n,
      });
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.readStream(`contract-${run}-missing`)).toEqual([]);
    });

    it('reads exactly the events after a position', async () => {
      for (let i = 0; i < 10; i++)
        await store.append(`contract-${run}-d-${i}`, [event(100 + i)], 'no-stream');
      const all = (await readAllOfRun()).filter((e) => e.streamId.startsWith(`contract-${run}-d-`));
      const after = await store.readAll({
        from: all[4].position,
        maxCount: 100,
        eventTypes: [type],
      });
      expect(after.map((e) => e.eventId)).toEqual(all.slice(5).map((e) => e.eventId));
      const positions = all.map((e) => e.position);
      expect([...positions].sort()).toEqual(positions);
      expect(await store.headPosition()).not.toBeNull();
    });

    it('subscribes from mid-log: every later event once, in order, including ones appended during catch-up', async () => {
      const stream = (i: number): string => `contract-${run}-e-${i}`;
      for (let i = 0; i < 50; i++) await store.append(stream(i), [event(i)], 'no-stream');
      const before = (await readAllOfRun()).filter((e) =>
        e.streamId.startsWith(`contract-${run}-e-`),
      );
      const start = before[19];

      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const expected = 30 + 50;
      const consumed = (async () => {
        for await (const e of store.subscribeToAll({
          from: start.position,
          eventTypes: [type],
          signal: controller.signal,
        })) {
          if (e.streamId.startsWith(`contract-${run}-e-`)) seen.push(e);
          if (seen.length === expected) controller.abort();
        }
      })();
      for (let i = 50; i < 100; i++) await store.append(stream(i), [event(i)], 'no-stream');
      const timeout = setTimeout(() => controller.abort(), 30_000);
      await consumed;
      clearTimeout(timeout);

      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual(
        Array.from({ length: expected }, (_, i) => i + 20),
      );
    });
  });
}
