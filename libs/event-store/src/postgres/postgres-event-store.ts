import { Logger } from '@nestjs/common';
import { DatabaseError, Pool, PoolClient } from 'pg';
import { backoffDelay, sleep } from '../backoff';
import { EventStore } from '../event-store.port';
import {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.types';
import { EventRejected } from '../event-rejected.error';
import { isDataError } from './data-errors';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import { GroupCommit, GroupCommitOptions } from './group-commit';
import { decodePgPosition, encodePgPosition } from './postgres-position';

const UNIQUE_VIOLATION = '23505';

export interface PostgresEventStoreOptions {
  /** How long a caught-up subscription waits before polling again. */
  readonly idlePollMs: number;
  /** Page size of a subscription's reads. */
  readonly pageSize: number;
  readonly groupCommit: GroupCommitOptions;
}

const DEFAULTS: PostgresEventStoreOptions = {
  idlePollMs: 20,
  pageSize: 2_000,
  groupCommit: { maxBatch: 2_000, maxInFlight: 2, maxQueued: 20_000 },
};

/**
 * Readers see an event only once every transaction that started before it has ended:
 * `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`. Ordering by the writing
 * transaction's id, and never reading past the oldest open one, means a reader can never move
 * its checkpoint past an event whose transaction commits later (the lost-event bug of naive
 * identity-ordered Postgres event logs). Concurrent writers are not serialised.
 */
const VISIBLE = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export class PostgresEventStore extends EventStore {
  private readonly logger = new Logger(PostgresEventStore.name);
  private readonly groupCommit: GroupCommit;
  private readonly options: PostgresEventStoreOptions;

  constructor(
    private readonly pool: Pool,
    options: Partial<PostgresEventStoreOptions> = {},
  ) {
    super();
    this.options = { ...DEFAULTS, ...options };
    this.groupCommit = new GroupCommit(pool, this.options.groupCommit);
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    // The hot path (one click = one new stream) goes through group commit.
    if (expected === 'no-stream' && events.length === 1)
      return this.groupCommit.submit(streamId, events[0]);
    return this.appendInTransaction(streamId, events, expected);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = afterPosition(options.from, options.eventTypes, [options.maxCount]);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${after.where}
       ORDER BY transaction_id, global_position
       LIMIT $1`,
      after.params,
    );
    return rows.map(toRecordedEvent);
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<RecordedEvent> {
    let from = options.from;
    let failures = 0;
    const read = (after: Position | null): Promise<RecordedEvent[]> =>
      this.readAll({
        from: after,
        maxCount: this.options.pageSize,
        eventTypes: options.eventTypes,
      });
    // While catching up, the next page is read while the consumer works through this one.
    let prefetched: Promise<RecordedEvent[]> | undefined;
    while (!options.signal?.aborted) {
      let page: RecordedEvent[];
      try {
        page = await (prefetched ?? read(from));
        failures = 0;
      } catch (error) {
        const delay = backoffDelay(failures++);
        this.logger.warn(
          `subscription read failed (${(error as Error).message}); retrying from ${from ?? 'start'} in ${delay} ms`,
        );
        await sleep(delay, options.signal);
        continue;
      } finally {
        prefetched = undefined;
      }
      const full = page.length === this.options.pageSize;
      if (full) {
        prefetched = read(page[page.length - 1].position);
        // Observed later (or dropped on abort); never an unhandled rejection.
        prefetched.catch(() => undefined);
      }
      for (const event of page) {
        if (options.signal?.aborted) return;
        yield event;
        from = event.position;
      }
      if (!full) await sleep(this.options.idlePollMs, options.signal);
    }
  }

  async headPosition(): Promise<Position | null> {
    const { rows } = await this.pool.query<{ tx_id: string; global_position: string }>(
      `SELECT transaction_id::text AS tx_id, global_position FROM events
       WHERE ${VISIBLE} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return rows.length === 0 ? null : encodePgPosition(rows[0].tx_id, rows[0].global_position);
  }

  async countAfter(options: {
    from: Position | null;
    eventTypes?: readonly string[];
    cap: number;
  }): Promise<number> {
    const after = afterPosition(options.from, options.eventTypes, [options.cap]);
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ${after.where} LIMIT $1) AS behind`,
      after.params,
    );
    return Number(rows[0].n);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_revision`,
      [streamId],
    );
    return rows.map(toRecordedEvent);
  }

  async close(): Promise<void> {
    await this.groupCommit.drain();
  }

  private async appendInTransaction(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    attempt = 0,
  ): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const current = await this.currentRevision(client, streamId);
      const conflict = checkExpected(expected, current);
      if (conflict) {
        await client.query('ROLLBACK');
        return conflict;
      }
      const first = current === 'no-stream' ? 0n : current + 1n;
      const { rows } = await client.query<{ tx_id: string; global_position: string }>(
        `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata)
         SELECT $1, $2::bigint + ord - 1, e, t, d::jsonb, m::jsonb
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(e, t, d, m, ord)
         RETURNING transaction_id::text AS tx_id, global_position`,
        [
          streamId,
          first.toString(),
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata ?? {})),
        ],
      );
      await client.query('COMMIT');
      const last = rows[rows.length - 1];
      return {
        outcome: 'appended',
        nextRevision: first + BigInt(events.length) - 1n,
        position: encodePgPosition(last.tx_id, last.global_position),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A concurrent writer took the revision (or the event id) between our check and insert.
      if (error instanceof DatabaseError && error.code === UNIQUE_VIOLATION) {
        const actual = await this.currentRevision(this.pool, streamId);
        // 'any' lost a race for the next revision: try again on top of the new head, a few times.
        if (expected === 'any' && attempt < 3)
          return this.appendInTransaction(streamId, events, expected, attempt + 1);
        return expected === 'no-stream' || actual === 'no-stream'
          ? { outcome: 'already-exists' }
          : { outcome: 'wrong-revision', actualRevision: actual };
      }
      if (isDataError(error)) throw new EventRejected(streamId, (error as Error).message);
      throw error;
    } finally {
      client.release();
    }
  }

  private async currentRevision(
    client: Pool | PoolClient,
    streamId: string,
  ): Promise<bigint | 'no-stream'> {
    const { rows } = await client.query<{ revision: string | null }>(
      'SELECT max(stream_revision)::text AS revision FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].revision === null ? 'no-stream' : BigInt(rows[0].revision);
  }
}

/** The visible events after a position, optionally of some types; `params` come first as $1… */
function afterPosition(
  from: Position | null,
  eventTypes: readonly string[] | undefined,
  params: unknown[],
): { where: string; params: unknown[] } {
  const { transactionId, globalPosition } = decodePgPosition(from);
  const n = params.length;
  const all = [...params, transactionId, globalPosition];
  let where = `(transaction_id, global_position) > ($${n + 1}::text::xid8, $${n + 2}::bigint) AND ${VISIBLE}`;
  if (eventTypes) {
    all.push(eventTypes);
    where += ` AND event_type = ANY($${n + 3}::text[])`;
  }
  return { where, params: all };
}

function checkExpected(
  expected: ExpectedRevision,
  current: bigint | 'no-stream',
): AppendResult | undefined {
  if (expected === 'any' || expected === current) return undefined;
  if (expected === 'no-stream') return { outcome: 'already-exists' };
  return { outcome: 'wrong-revision', actualRevision: current };
}
