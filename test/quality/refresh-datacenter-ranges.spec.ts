import { execFile } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/database';
import { repositoryRoot } from '@app/runtime';

const SCRIPT = join(repositoryRoot(), 'scripts', 'refresh-datacenter-ranges.mjs');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function refresh(args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, [SCRIPT, ...args], { timeout: 40_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? -1) : 0, stdout, stderr }),
    ),
  );
}

/** The operator's refresh script, against feeds this test serves: never the internet. */
describe('scripts/refresh-datacenter-ranges.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clickstream-ranges-'));
  const target = join(dir, 'ranges.txt');
  let server: Server;
  let feed: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ranges.txt') response.end('192.0.2.0/24\n2001:db8::/32\n');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the ranges of the feeds it reads', async () => {
    const run = await refresh([target, '--no-defaults', '--extra', `${feed}/ranges.txt`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('192.0.2.0/24\n2001:db8::/32\n');
  });

  it('names a feed that cannot be read, in one line, and leaves the file as it was', async () => {
    writeFileSync(target, 'the old file\n');
    const closed = `http://127.0.0.1:${await freePort()}/gone.txt`;
    for (const [url, cause] of [
      [closed, /ECONNREFUSED/],
      [`${feed}/missing.txt`, /HTTP 404/],
      ['http://nowhere.invalid/ranges.txt', /(ENOTFOUND|EAI_AGAIN) \(nowhere\.invalid\)/],
    ] as const) {
      const run = await refresh([
        target,
        '--no-defaults',
        '--extra',
        `${feed}/ranges.txt`,
        '--extra',
        url,
      ]);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(url);
      expect(lines[0]).toMatch(cause);
      expect(lines[0]).toContain(`${target} left unchanged`);
      expect(readFileSync(target, 'utf8')).toBe('the old file\n');
    }
  });
});
