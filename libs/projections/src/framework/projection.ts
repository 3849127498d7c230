import { RecordedEvent } from '@app/event-store';
import { Pool, PoolClient } from 'pg';

export interface DeadLetter {
  readonly event: RecordedEvent;
  readonly error: string;
}

export interface BatchOutcome {
  /** Events of types this projection does not handle: skipped and counted, never a crash. */
  readonly skipped: number;
  /** Events it handles but could not read: recorded with their position, then passed over. */
  readonly deadLetters: readonly DeadLetter[];
}

/** A batch read and turned into writes, not yet written. */
export interface PreparedBatch {
  /**
   * Runs the writes inside the runner's transaction, which also moves the checkpoint: a batch
   * is applied exactly once or not at all.
   */
  write(tx: PoolClient): Promise<BatchOutcome>;
}

/**
 * A read model fed from the log. `prepare` does no I/O and changes nothing outside what it
 * returns, so the runner can prepare batch N+1 while batch N's statements run, and drop it
 * unwritten if batch N fails. Its name and the events it reads are its definition's
 * (projection-definition.ts), said once there.
 */
export interface Projection {
  prepare(events: readonly RecordedEvent[]): PreparedBatch;
}

/**
 * A rebuild's bulk replay: folds batch after batch into rows it holds in memory, and writes
 * them only when told to. A bucket that many batches touch is then written once per flush
 * instead of once per batch. The caller moves its checkpoint only in the transaction of a
 * flush, so what is held and lost in a crash is read again.
 */
export interface HoldingProjection {
  /** Loads what a resumed replay held between flushes and must keep (the repeat memory). */
  load?(db: Pool): Promise<void>;
  /** Folds a batch into what it holds; no I/O. */
  hold(events: readonly RecordedEvent[]): void;
  /** Rows held: the caller flushes past a limit of its own, which bounds memory. */
  readonly held: number;
  /**
   * Takes everything held, as it stands now, and starts holding anew: no I/O, so the caller
   * can go on holding the next events while the returned flush is written.
   */
  take(): HeldFlush;
}

/** What a holding projection held at one point of the log, detached from what it holds next. */
export interface HeldFlush {
  /** Writes it in the caller's transaction (with the checkpoint of that point). */
  write(tx: PoolClient): Promise<void>;
}
