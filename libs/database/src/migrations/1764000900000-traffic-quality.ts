import { MigrationInterface, QueryRunner } from 'typeorm';

const BUCKETS = ['click_minute', 'click_hour', 'click_day', 'click_hour_shifted'];
const BREAKDOWNS: readonly [string, string][] = [
  ['click_breakdown_minute', 'click_minute'],
  ['click_breakdown_hour', 'click_hour'],
  ['click_breakdown_day', 'click_day'],
];

/**
 * Traffic quality: invalid clicks beside valid ones in every bucket and breakdown, the repeat
 * rule's memory, and the rules each projection judges with. Until this migration bots were the
 * only invalid clicks, so existing rows get invalid_clicks = bot_clicks and an invalid_reason
 * "bot" breakdown row; the other reasons, and the browser, OS and referrer breakdowns, appear
 * for history after a rebuild of click-buckets (README, "Re-judging history").
 */
export class TrafficQuality1764000900000 implements MigrationInterface {
  name = 'TrafficQuality1764000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...BUCKETS, ...BREAKDOWNS.map(([b]) => b)]) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN invalid_clicks bigint NOT NULL DEFAULT 0`,
      );
      await queryRunner.query(
        `UPDATE ${table} SET invalid_clicks = bot_clicks WHERE bot_clicks > 0`,
      );
    }
    for (const [breakdown, buckets] of BREAKDOWNS)
      await queryRunner.query(`
        INSERT INTO ${breakdown} (ad_id, bucket_start, dimension, value, clicks, bot_clicks, invalid_clicks)
        SELECT ad_id, bucket_start, 'invalid_reason', 'bot', 0, bot_clicks, bot_clicks
          FROM ${buckets} WHERE bot_clicks > 0
        ON CONFLICT DO NOTHING`);
    // Times as epoch milliseconds: the projection's own numbers, compared and stored as they are.
    await queryRunner.query(`
      CREATE TABLE click_repeat_state (
        ad_id        uuid     NOT NULL,
        user_hash    bigint   NOT NULL,
        recent       bigint[] NOT NULL,
        last_clicked bigint   NOT NULL,
        PRIMARY KEY (ad_id, user_hash)
      ) WITH (fillfactor = 70)`);
    // Pairs expire by their newest click; the newest of all is where the horizon starts.
    await queryRunner.query(
      'CREATE INDEX click_repeat_state_last_clicked ON click_repeat_state (last_clicked)',
    );
    await queryRunner.query('ALTER TABLE projection_checkpoints ADD COLUMN rules text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE projection_checkpoints DROP COLUMN rules');
    await queryRunner.query('DROP TABLE click_repeat_state');
    for (const [breakdown] of BREAKDOWNS)
      await queryRunner.query(`DELETE FROM ${breakdown} WHERE dimension = 'invalid_reason'`);
    for (const table of [...BUCKETS, ...BREAKDOWNS.map(([b]) => b)])
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN invalid_clicks`);
  }
}
