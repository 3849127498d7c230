import { MigrationInterface, QueryRunner } from 'typeorm';

/** Advertisers and their API keys. Only a SHA-256 of each key is stored (keys are 256-bit random). */
export class CreateAdvertisers1764000100000 implements MigrationInterface {
  name = 'CreateAdvertisers1764000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE advertisers (
        advertiser_id uuid        PRIMARY KEY,
        name          text        NOT NULL,
        api_key_hash  bytea       NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE advertisers`);
  }
}
