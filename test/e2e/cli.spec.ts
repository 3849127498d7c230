import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '@app/runtime';
import { createTestDatabase, startApp, TEST_SECRETS, TestDatabase } from '@app/testing';

const CLI = join(repositoryRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI with only what an operator's shell would have: no URL, no port. */
async function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['PORT', 'CLICKSTREAM_URL'].includes(k)),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { ...clean, ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The operator's CLI finds the product started on the same DATA_DIR, whatever its port. */
describe('the CLI', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-cli-'));
  const announced = join(dataDir, 'clickstream.url');

  beforeAll(async () => {
    db = await createTestDatabase('cli');
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the running product from DATA_DIR, and forgets it when it stops', async () => {
    const app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    let run: CliRun;
    try {
      run = await cli(['projections'], {
        DATA_DIR: dataDir,
        ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY,
      });
    } finally {
      await app.stop();
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('click-buckets');
    expect(run.stdout).toContain('ad-catalog');
    // The traffic-quality rules that judge the clicks, under the projection they judge.
    expect(run.stdout).toMatch(/click-buckets .*\n +rules bot\/1 prefetch\/1 datacenter\/1/);
    expect(existsSync(announced)).toBe(false);
  });

  it('passes over an address left by a crashed product', async () => {
    const app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    await app.kill();
    expect(existsSync(announced)).toBe(true);
    const run = await cli(['projections'], {
      DATA_DIR: dataDir,
      ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY,
      PORT: '9', // discard: nothing of ours answers there
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing answers at http://127.0.0.1:9');
  });

  it('prints its usage on --help and exits 0', async () => {
    const run = await cli(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: clickstream <command>');
  });
});
