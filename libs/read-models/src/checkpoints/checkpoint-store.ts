import { Position } from '@app/event-store';
import { Pool, PoolClient } from 'pg';

export interface Checkpoint {
  readonly position: Position | null;
  readonly eventsApplied: number;
  readonly lastEventAt: Date | null;
  readonly eventsPerSecond: number;
}

/**
 * The projection_checkpoints table, and the only code that queries it: one row per projection,
 * written in each batch's transaction. The projector moves it, a rebuild holds it to pause the
 * live projection, reporting reads it to say how current an answer is.
 */
export class CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async load(projection: string): Promise<Checkpoint> {
    await this.pool.query(
      'INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING',
      [projection],
    );
    return (await this.read(projection))!;
  }

  /** The stored checkpoint, or undefined before the projection first ran (nothing is created). */
  async read(
    projection: string,
    db: Pool | PoolClient = this.pool,
  ): Promise<Checkpoint | undefined> {
    const { rows } = await db.query<CheckpointRow>(
      'SELECT position, events_applied, last_event_at, events_per_second FROM projection_checkpoints WHERE projection = $1',
      [projection],
    );
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async loadAll(): Promise<Map<string, Checkpoint>> {
    const { rows } = await this.pool.query<CheckpointRow & { projection: string }>(
      'SELECT projection, position, events_applied, last_event_at, events_per_second FROM projection_checkpoints',
    );
    return new Map(rows.map((r) => [r.projection, toCheckpoint(r)]));
  }

  /**
   * Locks the row and checks that nobody moved it since we read it: the fence that keeps two
   * projector processes from ever applying the same batch, even if both believe they own it.
   */
  async lockAndVerify(
    tx: PoolClient,
    projection: string,
    expected: Position | null,
  ): Promise<boolean> {
    const locked = await this.lock(tx, projection);
    return locked !== undefined && locked === expected;
  }

  /**
   * Locks the row until `tx` ends and answers its position (undefined: no row). The live runner
   * takes this lock in every batch, so holding it pauses the live projection wherever it runs.
   */
  async lock(tx: PoolClient, projection: string): Promise<Position | null | undefined> {
    const { rows } = await tx.query<{ position: string | null }>(
      'SELECT position FROM projection_checkpoints WHERE projection = $1 FOR UPDATE',
      [projection],
    );
    return rows.length === 1 ? rows[0].position : undefined;
  }

  /** Records the rules (with their versions and settings) the projection judges with from now. */
  async setRules(projection: string, rules: string | null): Promise<void> {
    await this.pool.query('UPDATE projection_checkpoints SET rules = $2 WHERE projection = $1', [
      projection,
      rules,
    ]);
  }

  /** The rules each projection last said it judges with (projections without rules: none). */
  async rulesByProjection(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ projection: string; rules: string }>(
      'SELECT projection, rules FROM projection_checkpoints WHERE rules IS NOT NULL',
    );
    return new Map(rows.map((r) => [r.projection, r.rules]));
  }

  async advance(
    tx: PoolClient,
    projection: string,
    position: Position,
    applied: number,
    lastEventAt: Date,
    eventsPerSecond: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE projection_checkpoints
       SET position = $2, events_applied = events_applied + $3, last_event_at = $4, events_per_second = $5, updated_at = now()
       WHERE projection = $1`,
      [projection, position, applied, lastEventAt, eventsPerSecond],
    );
  }
}

interface CheckpointRow {
  position: string | null;
  events_applied: string;
  last_event_at: Date | null;
  events_per_second: number;
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    position: row.position,
    eventsApplied: Number(row.events_applied),
    lastEventAt: row.last_event_at,
    eventsPerSecond: row.events_per_second,
  };
}
