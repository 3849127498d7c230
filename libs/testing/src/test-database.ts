import { randomBytes } from 'node:crypto';
import { createDataSource, createResilientPool, runMigrations } from '@app/database';
import { Client, Pool } from 'pg';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

const TEST_NAME = /^test_[a-z0-9_]+$/;

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error(
      'TEST_PG_ADMIN_URL is not set: run the tests through jest (test/global-setup.mjs)',
    );
  return url;
}

/**
 * A fresh, migrated database in the test cluster (or in the cluster `admin` points at). Refuses any name that does not say it is a
 * test database, so a mistake here can never drop a real one.
 */
export async function createTestDatabase(
  label = 'db',
  admin: string = adminUrl(),
): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  if (!TEST_NAME.test(name))
    throw new Error(`refusing to use "${name}": test databases are named test_*`);
  const creator = new Client({ connectionString: admin });
  await creator.connect();
  await creator.query(`CREATE DATABASE ${creator.escapeIdentifier(name)}`);
  await creator.end();

  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString(), 2);
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  const pool = createResilientPool({ connectionString: url.toString(), max: 20 });
  return {
    name,
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      if (!TEST_NAME.test(name)) throw new Error(`refusing to drop "${name}"`);
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      await client.end();
    },
  };
}
