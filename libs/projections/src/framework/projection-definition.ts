import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { HoldingProjection, Projection } from './projection';
import { ProjectionContext } from './projection-context';
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
  create(names: TableNames, context: ProjectionContext): Projection;
  /**
   * The rows these events change, per live table name, as key tuples in the table's key order.
   * Where what a batch writes depends on state (the repeat rule), every row it may write: a
   * row named but unchanged compares the same before and after.
   */
  touched(events: readonly RecordedEvent[], context: ProjectionContext): Map<string, unknown[][]>;
  /** The versions and settings of the rules it judges with, if any (shown by `projections`). */
  rules?(context: ProjectionContext): string;
  /**
   * A faster first replay, for projections that have one: into shadow tables without their
   * primary keys, which `consolidate` then leaves with one row per key (in the transaction
   * that adds the keys).
   */
  readonly bulk?: {
    create(names: TableNames, context: ProjectionContext): HoldingProjection;
    consolidate(tx: PoolClient, names: TableNames): Promise<void>;
  };
}
