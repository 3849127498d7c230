import { Pool, PoolClient } from 'pg';
import { DeadLetter } from './projection';

/**
 * The projection_dead_letters table, and the only code that queries it: events a projection
 * handles but could not read, set aside with their position in the batch's transaction.
 */
export class DeadLetterStore {
  async record(
    tx: PoolClient,
    projection: string,
    deadLetters: readonly DeadLetter[],
  ): Promise<void> {
    for (const dead of deadLetters)
      await tx.query(
        `INSERT INTO projection_dead_letters (projection, position, event_id, event_type, error, data)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          projection,
          dead.event.position,
          dead.event.eventId,
          dead.event.type,
          dead.error,
          JSON.stringify(dead.event.data ?? null),
        ],
      );
  }

  /** How many events each projection has set aside. */
  async countByProjection(db: Pool): Promise<Map<string, number>> {
    const { rows } = await db.query<{ projection: string; n: string }>(
      'SELECT projection, count(*) AS n FROM projection_dead_letters GROUP BY projection',
    );
    return new Map(rows.map((r) => [r.projection, Number(r.n)]));
  }
}
