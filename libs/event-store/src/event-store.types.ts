/**
 * A position in the global log, as opaque text. Both adapters encode positions as
 * fixed-width strings, so plain string comparison orders them and a projector can store
 * its checkpoint in a text column. `null` means "before the first event".
 */
export type Position = string;

export interface EventMetadata {
  readonly correlationId?: string;
  /** Left out when it equals correlationId (a request's own event, such as a click). */
  readonly causationId?: string;
  /**
   * W3C Trace Context of the span that caused the event (with tracing on): a projection links
   * its batch span to it. Absent in older events and whenever tracing is off.
   */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly [key: string]: unknown;
}

export interface NewEvent {
  /** Deterministic where the event has a natural key (a click's impression id). */
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/** 'no-stream': the stream must not exist yet; a bigint: the revision of its last event. */
export type ExpectedRevision = 'no-stream' | 'any' | bigint;

export type AppendResult =
  | { readonly outcome: 'appended'; readonly nextRevision: bigint; readonly position: Position }
  /** Expected 'no-stream' but the stream has events: for clicks, "already recorded". */
  | { readonly outcome: 'already-exists' }
  | { readonly outcome: 'wrong-revision'; readonly actualRevision: bigint | 'no-stream' };

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly from: Position | null;
  readonly maxCount: number;
  /** Only these event types (server-side filtering where the store supports it). */
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  readonly from: Position | null;
  readonly eventTypes?: readonly string[];
  /** Ends the subscription; the iterator then returns. */
  readonly signal?: AbortSignal;
}
