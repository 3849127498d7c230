import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, runMigrations, startEmbeddedPostgres } from '@app/database';
import { Client, Pool } from 'pg';

export interface BenchDatabase {
  readonly url: string;
  readonly pool: Pool;
  readonly serverVersion: string;
  /** The postmaster's process id, for memory figures. */
  readonly pid: number;
  close(): Promise<void>;
}

const open = new Set<() => Promise<void>>();
let hooked = false;

/** Ctrl-C during a run must not leave a PostgreSQL cluster behind. */
function stopClustersOnSignal(): void {
  if (hooked) return;
  hooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled([...open].map((close) => close())).then(() => process.exit(130));
    });
}

/**
 * A throwaway embedded PostgreSQL cluster for one bench run, in a temporary directory that is
 * removed afterwards: a benchmark never touches the product's own .data/.
 */
export async function startBenchCluster(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-bench-'));
  const handle = await startEmbeddedPostgres({ dataDir, database: 'bench' });
  const dataSource = createDataSource(handle.url, 2);
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  const client = new Client({ connectionString: handle.url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const pool = new Pool({ connectionString: handle.url, max: 4 });
  // An idle client whose server goes away (the cluster stopped under it) emits 'error'; with
  // no listener that would end the whole bench and lose a long run's results. The next query
  // fails with its own error, which the bench reports.
  pool.on('error', (error) =>
    console.error(`bench database: idle connection lost: ${error.message}`),
  );
  const close = async (): Promise<void> => {
    open.delete(close);
    await pool.end().catch(() => undefined);
    await handle.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  open.add(close);
  stopClustersOnSignal();
  const pid = Number(
    readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  return { url: handle.url, pool, serverVersion: rows[0].server_version, pid, close };
}
