import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '@app/testing';
import { WATCHDOG_MARK } from '../src/embedded/cluster-watchdog';

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

/** The pids of the watchdogs guarding clusters, by their command lines. */
function watchdogs(): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(WATCHDOG_MARK))
    .map((line) => Number(line.trim().split(' ')[0]));
}

/** `npm start` with no DATABASE_URL, killed the hard way: its cluster must not outlive it. */
describe('embedded PostgreSQL after a crash', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-orphans-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', EVENTSTORE_URL: '' };
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  const postmaster = (): number => Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the cluster when the product is SIGKILLed', async () => {
    const app = await startApp('all-in-one', env);
    const pid = postmaster();
    expect(running(pid)).toBe(true);

    await app.kill();
    expect(await waitUntil(() => !running(pid), 30_000)).toBe(true);
    // A fast shutdown, not a crash: the lock file went with it.
    expect(existsSync(pidFile)).toBe(false);
  });

  it('takes over a cluster whose owner and watchdog are both gone', async () => {
    const before = new Set(watchdogs());
    const first = await startApp('all-in-one', env);
    const orphan = postmaster();
    const guards = watchdogs().filter((pid) => !before.has(pid));
    expect(guards.length).toBe(1);
    // The worst case: the product and its watchdog die at once, so the cluster is orphaned.
    process.kill(guards[0], 'SIGKILL');
    await first.kill();
    await sleep(1_000);
    expect(running(orphan)).toBe(true);

    const second = await startApp('all-in-one', env);
    expect(running(orphan)).toBe(false);
    expect(second.output()).toMatch(/left running by a process that is gone/);
    const own = postmaster();
    expect(own).not.toBe(orphan);
    const ready = await fetch(`${second.baseUrl}/readyz`);
    expect(ready.status).toBe(200);

    await second.stop();
    expect(await waitUntil(() => !running(own), 30_000)).toBe(true);
  });

  it("neither trusts nor signals a process that got a crashed cluster's pid", async () => {
    // A clean start and stop first, so the cluster exists and its lock is gone.
    await (await startApp('all-in-one', env)).stop();
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      // The lock a crash left, its pid since reused by an unrelated process.
      writeFileSync(pidFile, `${stranger.pid}\n${join(dataDir, 'postgres')}\n0\n5999\n`);
      const app = await startApp('all-in-one', env);
      const ready = await fetch(`${app.baseUrl}/readyz`);
      await app.stop();
      expect(ready.status).toBe(200);
      expect(running(stranger.pid!)).toBe(true);
    } finally {
      stranger.kill('SIGKILL');
    }
  });
});
