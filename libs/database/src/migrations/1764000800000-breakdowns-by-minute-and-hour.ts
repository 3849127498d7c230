import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Breakdowns (country, device, placement) per minute and per hour beside the daily ones, so a
 * breakdown covers the range asked like totals do: whole days in the middle, whole hours
 * around them, minutes at the ragged ends. Placement rows, and these tables, hold only clicks
 * projected after this migration until a rebuild of click-buckets.
 */
export class BreakdownsByMinuteAndHour1764000800000 implements MigrationInterface {
  name = 'BreakdownsByMinuteAndHour1764000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['click_breakdown_minute', 'click_breakdown_hour'])
      await queryRunner.query(`
        CREATE TABLE ${table} (
          ad_id        uuid        NOT NULL,
          bucket_start timestamptz NOT NULL,
          dimension    text        NOT NULL,
          value        text        NOT NULL,
          clicks       bigint      NOT NULL DEFAULT 0,
          bot_clicks   bigint      NOT NULL DEFAULT 0,
          PRIMARY KEY (ad_id, bucket_start, dimension, value)
        ) WITH (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE click_breakdown_hour, click_breakdown_minute');
  }
}
