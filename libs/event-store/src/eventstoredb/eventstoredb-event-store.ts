import {
  ANY,
  AppendExpectedRevision,
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  Filter,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
} from '@eventstore/db-client';
import { Logger } from '@nestjs/common';
import { backoffDelay, sleep } from '../backoff';
import { EventStore } from '../event-store.port';
import {
  AppendResult,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.types';
import { decodeEsdbPosition, encodeEsdbPosition } from './esdb-position';

type JsonData = Parameters<typeof jsonEvent>[0]['data'];

/**
 * The production adapter, on @eventstore/db-client (EventStoreDB and KurrentDB).
 *
 * Duplicates: "no stream" on an existing stream raises WrongExpectedVersionError, mapped to
 * 'already-exists'. A retry that carries the *same* event id may instead be acknowledged as
 * an idempotent success by the server (nothing new is written): either way the log holds the
 * event once, but such a duplicate is reported as 'appended'.
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly logger = new Logger(EventStoreDbEventStore.name);

  constructor(private readonly client: EventStoreDBClient) {
    super();
  }

  static fromConnectionString(url: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url));
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const expectedRevision: AppendExpectedRevision =
      expected === 'no-stream' ? NO_STREAM : expected === 'any' ? ANY : expected;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.eventId,
            type: e.type,
            data: e.data as JsonData,
            metadata: e.metadata ?? {},
          }),
        ),
        { expectedRevision },
      );
      if (!result.position) throw new Error('EventStoreDB returned no position for an append');
      return {
        outcome: 'appended',
        nextRevision: result.nextExpectedRevision,
        position: encodeEsdbPosition(result.position),
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (expected === 'no-stream') return { outcome: 'already-exists' };
      const actual = error.actualVersion;
      return {
        outcome: 'wrong-revision',
        actualRevision: typeof actual === 'bigint' ? actual : 'no-stream',
      };
    }
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    // EventStoreDB reads from a position inclusively; our contract is exclusive.
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({
      fromPosition: options.from === null ? START : decodeEsdbPosition(options.from),
      direction: FORWARDS,
      maxCount: options.maxCount + 1,
    });
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (!event || (options.from !== null && event.position <= options.from)) continue;
      if (options.eventTypes && !options.eventTypes.includes(event.type)) continue;
      if (event.type.startsWith('$')) continue;
      events.push(event);
      if (events.length === options.maxCount) break;
    }
    return events;
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    // The client never resubscribes by itself: on any error we start a new subscription from
    // the last position we delivered, with backoff.
    let from = options.from;
    let failures = 0;
    while (!options.signal?.aborted) {
      const subscription = this.client.subscribeToAll({
        fromPosition: from === null ? START : decodeEsdbPosition(from),
        filter: toFilter(options.eventTypes),
      });
      const stop = (): void => void subscription.unsubscribe();
      options.signal?.addEventListener('abort', stop, { once: true });
      try {
        for await (const resolved of subscription) {
          const event = toRecordedEvent(resolved);
          if (!event) continue;
          failures = 0;
          yield event;
          from = event.position;
        }
      } catch (error) {
        if (options.signal?.aborted) return;
        const delay = backoffDelay(failures++);
        this.logger.warn(
          `subscription dropped (${(error as Error).message}); resubscribing from ${from ?? 'start'} in ${delay} ms`,
        );
        await sleep(delay, options.signal);
      } finally {
        options.signal?.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  async headPosition(): Promise<Position | null> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 50 });
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event && !event.type.startsWith('$')) return event.position;
    }
    return null;
  }

  /** EventStoreDB keeps no counts: this pages through the log, so keep `cap` modest. */
  async countAfter(options: {
    from: Position | null;
    eventTypes?: readonly string[];
    cap: number;
  }): Promise<number> {
    let count = 0;
    let from = options.from;
    while (count < options.cap) {
      const page = await this.readAll({
        from,
        maxCount: Math.min(1_000, options.cap - count),
        eventTypes: options.eventTypes,
      });
      count += page.length;
      if (page.length === 0) break;
      from = page[page.length - 1].position;
    }
    return count;
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: START,
        direction: FORWARDS,
      })) {
        const event = resolved.event;
        if (!event) continue;
        events.push({
          eventId: event.id,
          type: event.type,
          streamId: event.streamId,
          revision: event.revision,
          position: event.position ? encodeEsdbPosition(event.position) : '',
          data: event.data,
          metadata: (event.metadata ?? {}) as EventMetadata,
          recordedAt: event.created,
        });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toFilter(eventTypes: readonly string[] | undefined): Filter {
  if (!eventTypes) return excludeSystemEvents();
  const escaped = eventTypes.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return eventTypeFilter({ regex: `^(${escaped.join('|')})$` });
}

function toRecordedEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$')) return undefined;
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: encodeEsdbPosition(event.position),
    data: event.data,
    metadata: (event.metadata ?? {}) as EventMetadata,
    recordedAt: event.created,
  };
}
