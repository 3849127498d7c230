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
    let endpoint: CliRun;
    let elsewhere: CliRun;
    try {
      run = await cli(['projections'], {
        DATA_DIR: dataDir,
        ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY,
      });
      // The GraphQL endpoint pasted instead of the base address works as well.
      endpoint = await cli(['rebuilds', '--url', `${app.baseUrl}/graphql`], {
        ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY,
      });
      // Another path of the product: said to be one, not just "HTTP 404".
      elsewhere = await cli(['rebuilds', '--url', `${app.baseUrl}/v1`], {
        ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY,
      });
    } finally {
      await app.stop();
    }
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(
      `unexpected answer (HTTP 404) from ${app.baseUrl}/v1/graphql: is that the product's base address`,
    );
    expect(endpoint.stderr).toBe('');
    expect(endpoint.stdout).toContain('no rebuilds yet');
    expect(endpoint.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('click-buckets');
    expect(run.stdout).toContain('ad-catalog');
    // The traffic-quality rules that judge the clicks, under the projection they judge.
    expect(run.stdout).toMatch(/click-buckets .*\n +rules bot\/\d+ prefetch\/\d+ datacenter\/\d+/);
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

  it('refuses a command line it cannot run, saying why, before calling anything', async () => {
    const env = { ADMIN_API_KEY: TEST_SECRETS.ADMIN_API_KEY };
    for (const [args, code, problem] of [
      [['projections', '--url'], 2, '--url needs a value'],
      [['projections', '--url', '--wait'], 2, '--url needs a value'],
      [['projections', '--url', 'notaurl'], 1, '--url notaurl: not an http(s) URL'],
      [['projections', '--url', 'ftp://x'], 1, '--url ftp://x: not an http(s) URL'],
      [['rebuilds', 'extra'], 2, 'rebuilds takes no arguments (got extra)'],
      [['projections', 'a', 'b'], 2, 'projections takes no arguments (got a b)'],
      [['rebuilds', '--verbose'], 2, 'unknown option --verbose'],
    ] as const) {
      const run = await cli([...args], env);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code, stdout: '' });
      expect(run.stderr).toContain(problem);
      expect(run.stderr).not.toContain('nothing answers');
      if (code === 2) expect(run.stderr).toContain('usage: clickstream <command>');
    }
  });

  it('prints its usage on --help and exits 0', async () => {
    const run = await cli(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: clickstream <command>');
  });
});
