import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/database';
import { AppExit, AppProcess } from '@app/testing';
import { asBenchApp, BenchApp, benchEnv } from '../lib/bench-app';

/** The yardstick servers, each a folder beside this file with its own compiled main.js. */
export type YardstickName = 'redirect' | 'raw-reporting';

/**
 * Starts one of the bench's own comparison servers as its own process, as the product's apps
 * are started, so a yardstick never shares an event loop with the load generator (nor with the
 * product), and waits until it answers /healthz.
 */
export async function startYardstick(
  name: YardstickName,
  databaseUrl: string,
  args: readonly string[] = [],
  timeoutMs = 60_000,
): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), `clickstream-bench-yardstick-${name}-`));
  const port = String(await freePort());
  const child = spawn(process.execPath, [join(__dirname, name, 'main.js'), ...args], {
    env: { ...process.env, ...benchEnv(databaseUrl, dataDir), PORT: port, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<AppExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `yardstick ${name} exited with ${child.exitCode} before it was up:\n${output}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`yardstick ${name} was not up within ${timeoutMs} ms:\n${output}`);
    }
    const up = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const started: AppProcess = {
    baseUrl,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return asBenchApp(started, dataDir);
}
