import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '@app/tracing';
import { EventStore } from './event-store.port';
import {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.types';

/**
 * Either adapter, with a span per append: a child of the span that appends (the redirect's,
 * for a click), from the call to the answer, so the trace shows how long the click waited for
 * the store, queueing for its group commit included. Bound only when tracing is on (see
 * EventStoreModule): off, the adapters are used bare.
 */
export class TracedEventStore extends EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly system: 'postgresql' | 'eventstoredb',
  ) {
    super();
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return tracer.startActiveSpan(
      'event-store append',
      {
        kind: SpanKind.CLIENT,
        // Few attributes: on the redirect, every one is paid per click when traces are exported.
        attributes: {
          'db.system.name': this.system,
          'clickstream.event_store.stream': streamId,
          'clickstream.event_store.event_type': events[0]?.type,
          'clickstream.event_store.expected_revision': String(expected),
        },
      },
      async (span) => {
        try {
          const result = await this.inner.append(streamId, events, expected);
          span.setAttribute('clickstream.event_store.outcome', result.outcome);
          return result;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  countAfter(options: {
    from: Position | null;
    eventTypes?: readonly string[];
    cap: number;
  }): Promise<number> {
    return this.inner.countAfter(options);
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
