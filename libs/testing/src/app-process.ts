import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@app/database';
import { repositoryRoot } from '@app/runtime';

export type AppName = 'all-in-one' | 'tracker' | 'projector' | 'api';

/** The app re-raises its stop signal after its shutdown hooks ran: a clean stop ends by it. */
export interface AppExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface AppProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Everything the process printed, for assertions and for failure messages. */
  output(): string;
  /** SIGTERM (or the signal given) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<AppExit>;
  /** SIGKILL: a crash, with no shutdown hooks. */
  kill(): Promise<void>;
}

const ROOT = repositoryRoot();

/**
 * Runs one of the compiled apps (built by `pretest`) as a real child process, and waits until
 * it answers /healthz. Tests that crash or restart the product use this: nothing is mocked.
 */
export async function startApp(
  app: AppName,
  env: Record<string, string>,
  timeoutMs = 60_000,
  node: string = process.execPath,
): Promise<AppProcess> {
  const entry = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  return startProcess(app, entry, env, timeoutMs, node);
}

/**
 * Runs any compiled entry point that serves /healthz (an app, or a server of the bench's own)
 * as a child process, as startApp runs the apps, and waits until it is healthy. `name` only
 * labels failures.
 */
export async function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
  node: string = process.execPath,
): Promise<AppProcess> {
  // A free port is only free when asked: by the time the child binds it, an outgoing
  // connection (the suite opens thousands) may hold it as its local port. Ports we picked
  // are picked again; ports the caller fixed are its business.
  const ours = env.PORT === undefined && env.PROJECTOR_RPC_PORT === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, entry, env, timeoutMs, node);
    } catch (error) {
      if (!(error instanceof PortTaken) || !ours || attempt >= 3) throw error;
    }
  }
}

/** The child could not bind a port we picked for it. */
class PortTaken extends Error {}

async function startOnce(
  name: string,
  entry: string,
  env: Record<string, string>,
  timeoutMs: number,
  node: string,
): Promise<AppProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(node, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // Every app that projects listens for rebuild commands; give each its own port.
      PROJECTOR_RPC_PORT: String(await freePort()),
      ...env,
      PORT: port,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<AppExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      const message = `${name} exited with ${child.exitCode} before it was healthy:\n${output}`;
      throw /EADDRINUSE/.test(output) ? new PortTaken(message) : new Error(message);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not healthy within ${timeoutMs} ms:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    baseUrl,
    child,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
