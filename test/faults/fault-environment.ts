import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppName,
  AppProcess,
  createTestDatabase,
  FaultCluster,
  startApp,
  startFaultCluster,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

export const APPEND_TIMEOUT_MS = 300;

export interface FaultEnvironment {
  readonly cluster: FaultCluster;
  readonly db: TestDatabase;
  readonly dataDir: string;
  /** Starts the product on the fault cluster, in this test's DATA_DIR; stopped after the test. */
  start(app?: AppName): Promise<AppProcess>;
  /** Runs after the test's processes are gone, before the data directory is removed. */
  onCleanup(step: () => void): void;
}

/**
 * Per test: a PostgreSQL cluster of its own (to stop, freeze and restart), a database in it,
 * and a data directory for the product. Everything is torn down after each test.
 */
export function useFaultEnvironment(label: string): FaultEnvironment {
  let cluster: FaultCluster | undefined;
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  const apps: AppProcess[] = [];
  const cleanups: (() => void)[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only there during a test`);
    return value;
  };

  beforeEach(async () => {
    cluster = await startFaultCluster();
    db = await createTestDatabase(label, cluster.adminUrl);
    dataDir = mkdtempSync(join(tmpdir(), `clickstream-${label}-`));
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill()));
    cleanups.splice(0).forEach((step) => step());
    await db?.pool.end().catch(() => undefined);
    cluster?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get cluster() {
      return need(cluster, 'the fault cluster');
    },
    get db() {
      return need(db, 'the test database');
    },
    get dataDir() {
      return need(dataDir, 'the data directory');
    },
    async start(app: AppName = 'all-in-one') {
      const started = await startApp(app, {
        DATABASE_URL: need(db, 'the test database').url,
        DATA_DIR: need(dataDir, 'the data directory'),
        APPEND_TIMEOUT_MS: String(APPEND_TIMEOUT_MS),
        ...TEST_SECRETS,
      });
      apps.push(started);
      return started;
    },
    onCleanup(step) {
      cleanups.push(step);
    },
  };
}

/** Fails with the product's output if it exited: no fault may end the process. */
export function expectAlive(app: AppProcess): void {
  if (app.child.exitCode !== null || app.child.signalCode !== null)
    throw new Error(`the product exited during the fault:\n${app.output()}`);
}
