import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { HoldingProjection, Projection } from './projection';
import { ReadModelTable, TableNames } from './read-model-table';

/**
 * Everything the engine knows about one projection, in one place: the projector runs
 * `create(LIVE_TABLES)`, the status service reports `name` and `eventTypes`, and a rebuild
 * replays into `create(shadow)`, compares `tables` and, at the swap, re-compares the rows
 * `touched` names. Each definition sits in its projection's folder and derives `touched` from
 * the same code that applies the events, so the re-comparison cannot drift from what was written.
 */
export interface ProjectionDefinition {
  /** Stored in projection_checkpoints and accepted by the rebuild command: never rename. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The tables it owns (and nothing else writes). */
  readonly tables: readonly ReadModelTable[];
  /** The projection writing into `tables` under the names `names` gives them. */
  create(names: TableNames): Projection;
  /** The rows these events change, per live table name, as key tuples in the table's key order. */
  touched(events: readonly RecordedEvent[]): Map<string, unknown[][]>;
  /**
   * A faster first replay, for projections that have one: into shadow tables without their
   * primary keys, which `consolidate` then leaves with one row per key (in the transaction
   * that adds the keys).
   */
  readonly bulk?: {
    create(names: TableNames): HoldingProjection;
    consolidate(tx: PoolClient, names: TableNames): Promise<void>;
  };
}
