import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hours that start a quarter, a half and three quarters past the UTC hour, so that an hour or
 * day in any IANA zone (every real offset is a multiple of 15 minutes) is read from whole
 * stored hours, one row per local hour, as a UTC hour is from click_hour. Same shape as the
 * other bucket tables. Clicks projected before this migration are not in it: a rebuild of
 * click-buckets fills it (and its reconciliation report lists what it added).
 */
export class ShiftedHourBuckets1764000700000 implements MigrationInterface {
  name = 'ShiftedHourBuckets1764000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE click_hour_shifted (
        ad_id         uuid        NOT NULL,
        bucket_start  timestamptz NOT NULL,
        clicks        bigint      NOT NULL DEFAULT 0,
        bot_clicks    bigint      NOT NULL DEFAULT 0,
        paused_clicks bigint      NOT NULL DEFAULT 0,
        users         bytea       NOT NULL,
        unique_users  integer,
        PRIMARY KEY (ad_id, bucket_start)
      ) WITH (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE click_hour_shifted');
  }
}
