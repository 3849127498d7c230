import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Filtered reads (a projection that wants only ad events, in a log that is mostly clicks) must
 * not scan every other event after their checkpoint: with only the commit-order index, the
 * ad-catalog projection's idle poll walked all click events after its last ad event, every
 * 20 ms, and starved the click projection of the database. This index makes every per-type
 * read, and the lag count, a range scan.
 */
export class IndexEventsByType1764000300000 implements MigrationInterface {
  name = 'IndexEventsByType1764000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX events_type_commit_order_idx ON events (event_type, transaction_id, global_position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX events_type_commit_order_idx`);
  }
}
