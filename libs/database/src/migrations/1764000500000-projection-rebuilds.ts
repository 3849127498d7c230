import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuild jobs live in PostgreSQL, so neither an API nor a projector restart loses one. The
 * partial unique index allows one unfinished job per projection: a second request for the same
 * projection finds the running job instead of starting another.
 */
export class ProjectionRebuilds1764000500000 implements MigrationInterface {
  name = 'ProjectionRebuilds1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_rebuilds (
        id                uuid PRIMARY KEY,
        projection        text        NOT NULL,
        status            text        NOT NULL,
        position          text,
        events_applied    bigint      NOT NULL DEFAULT 0,
        events_total      bigint,
        events_per_second double precision NOT NULL DEFAULT 0,
        swap_pause_ms     double precision,
        report            jsonb,
        error             text,
        requested_at      timestamptz NOT NULL DEFAULT now(),
        started_at        timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        finished_at       timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX projection_rebuilds_one_active_idx ON projection_rebuilds (projection)
       WHERE status NOT IN ('swapped', 'failed')`,
    );
    await queryRunner.query(
      'CREATE INDEX projection_rebuilds_requested_idx ON projection_rebuilds (requested_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_rebuilds');
  }
}
