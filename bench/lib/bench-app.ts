import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppName, AppProcess, startApp, startProcess } from '@app/testing';

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

export interface BenchApp extends AppProcess {
  /** Peak resident set size the process reached, from /proc (VmHWM), in MiB. */
  peakRssMiB(): number | null;
  close(): Promise<void>;
}

/** One of the compiled apps against the bench database, with its own throwaway data dir. */
export async function startBenchApp(
  name: AppName,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  return inDataDir(name, (dataDir) =>
    startApp(name, { ...benchEnv(databaseUrl, dataDir), ...env }),
  );
}

/** The bench's own comparison servers, each a folder of bench/yardsticks/ with a main.ts. */
export type YardstickName = 'bare-fastify' | 'bare-nest' | 'durable-click' | 'raw-group-by';

/**
 * One of the yardsticks, started exactly as the apps are: its own process (never sharing an
 * event loop with the load generator), the same configuration, up once /healthz answers.
 */
export async function startYardstick(
  name: YardstickName,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const entry = join(__dirname, '..', 'yardsticks', name, 'main.js');
  return inDataDir(name, (dataDir) =>
    startProcess(`yardstick ${name}`, entry, { ...benchEnv(databaseUrl, dataDir), ...env }),
  );
}

/** What every process the bench starts runs with, so both sides of a comparison agree. */
function benchEnv(databaseUrl: string, dataDir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
    CLICK_SIGNING_KEYS: `b1:${BENCH_SIGNING_SECRET}`,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
}

/** Starts a process in a fresh data dir; its close also removes that dir. */
async function inDataDir(
  name: string,
  start: (dataDir: string) => Promise<AppProcess>,
): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), `clickstream-bench-${name}-`));
  const app = await start(dataDir);
  return Object.assign(app, {
    peakRssMiB: () => peakRssMiB(app.child.pid),
    close: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
