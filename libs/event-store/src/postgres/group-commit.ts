import { Link, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer, tracingEnabled } from '@app/tracing';
import { Pool } from 'pg';
import { AppendResult, NewEvent } from '../event-store.types';
import { EventRejected } from '../event-rejected.error';
import { isDataError } from './data-errors';
import { encodePgPosition } from './postgres-position';

interface PendingAppend {
  readonly streamId: string;
  readonly event: NewEvent;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
  /** The append's own span (TracedEventStore's), when tracing is on. */
  readonly span?: Span;
}

export interface GroupCommitOptions {
  /** Most appends written by one INSERT. */
  readonly maxBatch: number;
  /** Batches in flight at once: one filling while one commits keeps PostgreSQL busy. */
  readonly maxInFlight: number;
  /**
   * Appends allowed to wait for a batch. While the database stalls, callers give up after
   * their own timeout (the tracker spools), but their appends would stay queued: past this
   * bound new appends are refused at once instead of piling up in memory.
   */
  readonly maxQueued: number;
}

/** Links a batch span keeps: the SDK's default limit (OTEL_SPAN_LINK_COUNT_LIMIT). */
const MAX_LINKS = 128;

/** Refused without being tried: the queue in front of a stalled database is full. */
export class AppendQueueFull extends Error {
  constructor(limit: number) {
    super(`${limit} appends are already waiting for the database`);
    this.name = 'AppendQueueFull';
  }
}

// ON CONFLICT DO NOTHING on (stream_id, revision 0): a second event for an existing stream,
// a retried append among them, is a no-op. Idempotency is per stream, as the port promises.
// The batch travels as one JSON document: serialising it is a single JSON.stringify, where
// text[] parameters would make node-postgres escape every JSON string character by character.
const INSERT_BATCH = `
  INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata)
  SELECT b.s, 0, b.e, b.t, b.d, b.m
  FROM jsonb_to_recordset($1::jsonb) AS b(s text, e uuid, t text, d jsonb, m jsonb)
  ON CONFLICT DO NOTHING
  RETURNING stream_id, transaction_id::text AS tx_id, global_position`;

/**
 * Group commit for single-event "no stream" appends (every click is one). Appends that arrive
 * while a batch is being written queue up and go out together in the next INSERT, so one
 * fsync covers many clicks. Flushing is scheduled with setImmediate: the batch closes as soon
 * as the event loop has taken every request that was ready, never on a fixed timer.
 * Each caller resolves only once the transaction holding its own event has committed.
 */
export class GroupCommit {
  private queue: PendingAppend[] = [];
  private inFlight = 0;
  private scheduled = false;
  private drained: (() => void)[] = [];
  /** Read once: with tracing off, no append pays for looking up a span. */
  private readonly traced = tracingEnabled();

  constructor(
    private readonly pool: Pool,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(streamId: string, event: NewEvent): Promise<AppendResult> {
    if (this.queue.length >= this.options.maxQueued)
      return Promise.reject(new AppendQueueFull(this.options.maxQueued));
    return new Promise((resolve, reject) => {
      const span = this.traced ? trace.getActiveSpan() : undefined;
      this.queue.push({ streamId, event, resolve, reject, span });
      this.schedule();
    });
  }

  /** Resolves once every submitted append has been written (or failed). */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void (this.traced ? this.tracedWrite(batch) : this.write(batch)).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
        else if (this.inFlight === 0) this.drained.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  /**
   * One span per batch (one INSERT, one commit), linked to the append span of every click it
   * carries, each of which links back to it. A span per click for the INSERT would repeat the
   * same statement hundreds of times and hide that it ran once; a batch span as a child of one
   * click's trace would belong to that click alone. So the batch is its own trace, and links
   * join it to the clicks (up to OTEL_SPAN_LINK_COUNT_LIMIT, 128 by default; the batch size
   * attribute says how many there were).
   */
  private tracedWrite(batch: PendingAppend[]): Promise<void> {
    const links: Link[] = [];
    for (const pending of batch) {
      if (links.length === MAX_LINKS) break;
      if (pending.span) links.push({ context: pending.span.spanContext() });
    }
    return tracer.startActiveSpan(
      'event-store group commit',
      {
        kind: SpanKind.CLIENT,
        root: true,
        links,
        attributes: {
          'db.system.name': 'postgresql',
          'db.operation.name': 'INSERT',
          'db.collection.name': 'events',
          'db.operation.batch.size': batch.length,
        },
      },
      async (span) => {
        const link = { context: span.spanContext() };
        for (const pending of batch) {
          pending.span?.addLink(link);
          pending.span?.setAttribute('clickstream.event_store.batch_size', batch.length);
        }
        const failure = await this.write(batch);
        if (failure) {
          span.recordException(failure);
          span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
        }
        span.end();
      },
    );
  }

  /** Settles every append of the batch; returns the error that failed the whole INSERT, if any. */
  private async write(batch: PendingAppend[]): Promise<Error | undefined> {
    try {
      const { rows } = await this.pool.query<{
        stream_id: string;
        tx_id: string;
        global_position: string;
      }>(INSERT_BATCH, [
        JSON.stringify(
          batch.map((p) => ({
            s: p.streamId,
            e: p.event.eventId,
            t: p.event.type,
            d: p.event.data,
            m: p.event.metadata ?? {},
          })),
        ),
      ]);
      // A stream holds one row per revision, so the stream names the row exactly.
      const written = new Map(rows.map((row) => [row.stream_id, row]));
      for (const pending of batch) {
        const row = written.get(pending.streamId);
        // Only the first caller for a given stream can own the written row.
        if (row) written.delete(pending.streamId);
        pending.resolve(
          row
            ? {
                outcome: 'appended',
                nextRevision: 0n,
                position: encodePgPosition(row.tx_id, row.global_position),
              }
            : { outcome: 'already-exists' },
        );
      }
    } catch (error) {
      if (!isDataError(error)) {
        for (const pending of batch) pending.reject(error);
        return error as Error;
      }
      // One unstorable event fails the whole statement: the others are fine, so write them
      // one by one, and refuse only the event that is at fault.
      if (batch.length > 1) {
        for (const pending of batch) await this.write([pending]);
        return undefined;
      }
      batch[0].reject(new EventRejected(batch[0].streamId, (error as Error).message));
    }
    return undefined;
  }
}
