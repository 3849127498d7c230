import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';

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

/**
 * A read model fed from the log. `apply` runs inside the runner's transaction, which also
 * moves the checkpoint: a batch is applied exactly once or not at all. Its name and the events
 * it reads are its definition's (projection-definition.ts), said once there.
 */
export interface Projection {
  apply(events: readonly RecordedEvent[], tx: PoolClient): Promise<BatchOutcome>;
}
