import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { WRK_CLICK_SCRIPT } from './wrk-click-script';

/** wrk's own threads: one per core of this 2-core machine, as the figures were taken. */
const THREADS = 2;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

let found: string | undefined;

/**
 * The path of wrk (Debian's package), installed with apt-get when missing, as root or through
 * passwordless sudo, the way test/ensure-chromium.mjs installs the browser.
 */
export function ensureWrk(log: (line: string) => void): string {
  found ??= onPath('wrk');
  if (found) return found;
  const root = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  log("wrk is not on PATH: installing Debian's wrk (apt-get)");
  try {
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'wrk']);
  } catch (error) {
    throw new Error(
      'The bench drives its HTTP load with wrk and could not install it ' +
        `(${error instanceof Error ? error.message : String(error)}). Install it yourself ` +
        '(apt-get install wrk, or put a wrk binary on PATH) and run the bench again.',
      { cause: error },
    );
  }
  found = onPath('wrk');
  if (!found) throw new Error('apt-get installed wrk, but it is not on PATH');
  return found;
}

export interface WrkLoad {
  readonly url: string;
  /** One signed click token a line. */
  readonly tokensFile: string;
  readonly connections: number;
  readonly seconds: number;
  readonly method?: 'GET' | 'HEAD';
  /** Offered requests/s for the whole run, paced by the script; absent: closed loop. */
  readonly rate?: number;
  /** Tag fresh and repeat requests with a correlation id the server echoes (the product does). */
  readonly tagRequests?: boolean;
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Socket errors, timeouts and answers that were not 3xx. */
  readonly errors: number;
  readonly socketErrors: number;
  readonly timeouts: number;
  readonly non3xx: number;
  /** Requests written: fresh tokens, deliberate repeats, and repeats for want of fresh tokens. */
  readonly sent: number;
  readonly fresh: number;
  readonly repeats: number;
  readonly exhausted: number;
  readonly bots: number;
  /** 3xx answers to fresh tokens (only counted with tagRequests). */
  readonly fresh3xx: number;
  /** Paced send slots more than 100 ms late, given up rather than bunched. */
  readonly droppedSlots: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

interface RawResult {
  requests: number;
  durationUs: number;
  socketErrors: number;
  timeouts: number;
  non3xx: number;
  sent: number;
  fresh: number;
  repeats: number;
  exhausted: number;
  bots: number;
  fresh3xx: number;
  droppedSlots: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
}

let scriptDir: string | undefined;

function scriptPath(): string {
  if (!scriptDir) {
    scriptDir = mkdtempSync(join(tmpdir(), 'clickstream-bench-wrk-'));
    const dir = scriptDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'clicks.lua'), WRK_CLICK_SCRIPT);
  }
  return join(scriptDir, 'clicks.lua');
}

/** One wrk run of click traffic (bench/lib/wrk-click-script.ts) in a process of its own. */
export async function runWrk(load: WrkLoad, log: (line: string) => void): Promise<WrkResult> {
  const wrk = ensureWrk(log);
  const args = [
    `-t${THREADS}`,
    `-c${load.connections}`,
    `-d${load.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    scriptPath(),
    load.url,
    '--',
    load.tokensFile,
    load.method ?? 'GET',
    String(load.rate ?? 0),
    String(THREADS),
    load.tagRequests ? '1' : '0',
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`)),
    );
  });
  const line = /^BENCH_JSON (.*)$/m.exec(output)?.[1];
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const raw = JSON.parse(line) as RawResult;
  const seconds = raw.durationUs / 1e6;
  return {
    requests: raw.requests,
    seconds,
    requestsPerSecond: raw.requests / seconds,
    errors: raw.socketErrors + raw.timeouts + raw.non3xx,
    socketErrors: raw.socketErrors,
    timeouts: raw.timeouts,
    non3xx: raw.non3xx,
    sent: raw.sent,
    fresh: raw.fresh,
    repeats: raw.repeats,
    exhausted: raw.exhausted,
    bots: raw.bots,
    fresh3xx: raw.fresh3xx,
    droppedSlots: raw.droppedSlots,
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
    p999Ms: raw.p999Us / 1000,
    maxMs: raw.maxUs / 1000,
  };
}
