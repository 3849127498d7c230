// Starts one throwaway PostgreSQL cluster for the test run, with the product's own embedded
// PostgreSQL code (compiled by `pretest`). Test files create their own databases in it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import database from '../dist/libs/database/src/embedded/embedded-postgres.js';

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-test-pg-'));
  const handle = await database.startEmbeddedPostgres({ dataDir, database: 'postgres' });
  process.env.TEST_PG_ADMIN_URL = handle.url;
  process.env.TEST_PG_DATA_DIR = dataDir;
  globalThis.__clickstreamTestCluster = handle;
}
