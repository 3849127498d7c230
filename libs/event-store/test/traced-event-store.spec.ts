import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase } from '@app/testing';
import { TracedEventStore } from '../src/traced-event-store';
import { eventStoreContract } from './event-store.contract';

const exported = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exported)],
});
provider.register();
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

// The tracing wrapper changes nothing the port promises.
eventStoreContract('PostgreSQL, traced', async () => {
  const db = await createTestDatabase('contract_traced');
  const store = new TracedEventStore(new PostgresEventStore(db.pool), 'postgresql');
  return {
    store,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('traced event store', () => {
  it('records a span per append, with its outcome, inside the caller’s trace', async () => {
    const db = await createTestDatabase('traced');
    const store = new TracedEventStore(new PostgresEventStore(db.pool), 'postgresql');
    try {
      exported.reset();
      const event = { eventId: randomUUID(), type: 'Probe', data: {} };
      await trace.getTracer('test').startActiveSpan('caller', async (span) => {
        await store.append('probe-1', [event], 'no-stream');
        await store.append('probe-1', [event], 'no-stream');
        span.end();
      });
      const appends = exported.getFinishedSpans().filter((s) => s.name === 'event-store append');
      const caller = exported.getFinishedSpans().find((s) => s.name === 'caller')!;
      expect(appends.map((s) => s.attributes['clickstream.event_store.outcome'])).toEqual([
        'appended',
        'already-exists',
      ]);
      for (const span of appends) {
        expect(span.spanContext().traceId).toBe(caller.spanContext().traceId);
        expect(span.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
      }
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
