import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event log. Readers order by (transaction_id, global_position) and only read
 * below the oldest still-running transaction id, so an event whose transaction commits late
 * can never be skipped by a checkpoint that has already moved on (gap safety, see DESIGN.md).
 */
export class CreateEvents1764000000000 implements MigrationInterface {
  name = 'CreateEvents1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_revision bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX events_commit_order_idx ON events (transaction_id, global_position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE events`);
  }
}
