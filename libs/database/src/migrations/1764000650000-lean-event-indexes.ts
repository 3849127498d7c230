import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every click is one row of `events`, so each index on it is paid per click (issue 16: a row
 * cost 84 µs of PostgreSQL time against 35 µs for a minimal row).
 *
 * - `events_event_id_key` goes. The store's idempotency is per stream (a retried append finds
 *   its stream's revision taken: `events_stream_revision_key`), and every event id the product
 *   writes derives from its stream (a click's is UUIDv5 of `click-<impressionId>`, an ad
 *   event's of stream and revision), so the second unique index never refused anything the
 *   first had not.
 * - The per-type index leaves clicks out. It exists so that reads of rare types (the ad
 *   catalog's idle poll, its lag count) skip the clicks between them; a read that wants clicks
 *   walks the commit-order index, where nearly every row is one. Indexing clicks here only
 *   doubled their index maintenance. The literal must stay equal to CLICK_RECORDED
 *   (libs/contracts); a migration is a fixed point in time and does not import it.
 */
export class LeanEventIndexes1764000650000 implements MigrationInterface {
  name = 'LeanEventIndexes1764000650000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events DROP CONSTRAINT events_event_id_key`);
    await queryRunner.query(`DROP INDEX events_type_commit_order_idx`);
    await queryRunner.query(
      `CREATE INDEX events_rare_type_commit_order_idx ON events (event_type, transaction_id, global_position)
       WHERE event_type <> 'ClickRecorded'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX events_rare_type_commit_order_idx`);
    await queryRunner.query(
      `CREATE INDEX events_type_commit_order_idx ON events (event_type, transaction_id, global_position)`,
    );
    await queryRunner.query(
      `ALTER TABLE events ADD CONSTRAINT events_event_id_key UNIQUE (event_id)`,
    );
  }
}
