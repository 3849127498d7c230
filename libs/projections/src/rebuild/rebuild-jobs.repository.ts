import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { RebuildJob, RebuildReport, RebuildStatus } from './rebuild-job';

interface JobRow {
  id: string;
  projection: string;
  status: RebuildStatus;
  position: string | null;
  events_applied: string;
  events_total: string | null;
  events_per_second: number;
  swap_pause_ms: number | null;
  report: RebuildReport | null;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  updated_at: Date;
  finished_at: Date | null;
}

function toJob(row: JobRow): RebuildJob {
  return {
    id: row.id,
    projection: row.projection,
    status: row.status,
    position: row.position,
    eventsApplied: Number(row.events_applied),
    eventsTotal: row.events_total === null ? null : Number(row.events_total),
    eventsPerSecond: row.events_per_second,
    swapPauseMs: row.swap_pause_ms,
    report: row.report,
    error: row.error,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** The projection_rebuilds table: every job, its progress, and its report. */
export class RebuildJobsRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * A new queued job for the projection, or the unfinished one it already has: the partial
   * unique index makes "at most one running rebuild per projection" hold across processes.
   */
  async requestFor(projection: string): Promise<RebuildJob> {
    for (;;) {
      const inserted = await this.pool.query<JobRow>(
        `INSERT INTO projection_rebuilds (id, projection, status) VALUES ($1, $2, 'queued')
         ON CONFLICT (projection) WHERE status NOT IN ('swapped', 'failed') DO NOTHING
         RETURNING *`,
        [randomUUID(), projection],
      );
      if (inserted.rows[0]) return toJob(inserted.rows[0]);
      const running = await this.pool.query<JobRow>(
        `SELECT * FROM projection_rebuilds
          WHERE projection = $1 AND status NOT IN ('swapped', 'failed')`,
        [projection],
      );
      // It may have finished between the two statements; then ask again.
      if (running.rows[0]) return toJob(running.rows[0]);
    }
  }

  async find(id: string): Promise<RebuildJob | undefined> {
    const { rows } = await this.pool.query<JobRow>(
      'SELECT * FROM projection_rebuilds WHERE id = $1',
      [id],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async recent(limit: number): Promise<RebuildJob[]> {
    const { rows } = await this.pool.query<JobRow>(
      'SELECT * FROM projection_rebuilds ORDER BY requested_at DESC LIMIT $1',
      [limit],
    );
    return rows.map(toJob);
  }

  async unfinished(): Promise<RebuildJob[]> {
    const { rows } = await this.pool.query<JobRow>(
      `SELECT * FROM projection_rebuilds WHERE status NOT IN ('swapped', 'failed') ORDER BY requested_at`,
    );
    return rows.map(toJob);
  }

  async setStatus(
    id: string,
    status: RebuildStatus,
    db: Pool | PoolClient = this.pool,
  ): Promise<void> {
    await db.query(
      `UPDATE projection_rebuilds SET status = $2, updated_at = now(),
              started_at = coalesce(started_at, CASE WHEN $2 <> 'queued' THEN now() END)
        WHERE id = $1`,
      [id, status],
    );
  }

  /** Written in the same transaction as the shadow rows it covers: the job's own checkpoint. */
  async advance(
    tx: PoolClient,
    id: string,
    position: string,
    events: number,
    eventsPerSecond: number,
    eventsTotal: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE projection_rebuilds
          SET position = $2, events_applied = events_applied + $3, events_per_second = $4,
              events_total = $5, updated_at = now()
        WHERE id = $1`,
      [id, position, events, eventsPerSecond, eventsTotal],
    );
  }

  /** Back to the start (shadow tables dropped and made anew): used when a job cannot resume. */
  async restart(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE projection_rebuilds SET position = NULL, events_applied = 0, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async swapped(tx: PoolClient, id: string, report: RebuildReport, pauseMs: number): Promise<void> {
    await tx.query(
      `UPDATE projection_rebuilds
          SET status = 'swapped', report = $2, swap_pause_ms = $3, updated_at = now(), finished_at = now()
        WHERE id = $1`,
      [id, JSON.stringify(report), pauseMs],
    );
  }

  /**
   * Locks the job's row until `tx` ends and answers its status: each shadow batch holds it, so
   * a job finished or failed elsewhere is never written to again.
   */
  async lockStatus(tx: PoolClient, id: string): Promise<RebuildStatus | undefined> {
    const { rows } = await tx.query<{ status: RebuildStatus }>(
      'SELECT status FROM projection_rebuilds WHERE id = $1 FOR UPDATE',
      [id],
    );
    return rows[0]?.status;
  }

  async failed(id: string, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE projection_rebuilds SET status = 'failed', error = $2, updated_at = now(), finished_at = now()
        WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }
}
