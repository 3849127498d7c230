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
 * The event store port. Domain code depends on this abstract class only; the module binds it
 * to the PostgreSQL or the EventStoreDB adapter. Both pass the same contract test suite.
 */
export abstract class EventStore {
  /**
   * Appends atomically. Conflicts are outcomes, not exceptions. EventRejected means the store
   * will never take this event as it is; any other exception means "store unavailable".
   */
  abstract append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;

  /** One page of the global log, in order, strictly after `from`. */
  abstract readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catch-up then live: every event after `from`, once, in global order. Never ends on its
   * own: transient failures are retried from the last delivered position, with backoff.
   */
  abstract subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent>;

  /** Position of the newest event a reader could see now, or null for an empty log. */
  abstract headPosition(): Promise<Position | null>;

  /** How many events (of these types) follow `from`, counting at most `cap`: a projection's lag. */
  abstract countAfter(options: {
    from: Position | null;
    eventTypes?: readonly string[];
    cap: number;
  }): Promise<number>;

  /** Events from a single stream, oldest first (used to load aggregates). */
  abstract readStream(streamId: string): Promise<RecordedEvent[]>;

  abstract close(): Promise<void>;
}
