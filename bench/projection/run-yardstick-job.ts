import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The projection yardsticks: batch jobs, each a folder of bench/yardsticks/ with a main.ts. */
export type ProjectionYardstick = 'catch-up-upsert' | 'group-by-rebuild';

export interface YardstickJobResult {
  readonly events: number;
  /** As the job timed itself, from its first read or statement to its last commit. */
  readonly seconds: number;
  readonly peakRssMiB: number;
}

/**
 * Runs a yardstick job as a process of its own (never in the bench's event loop) on the given
 * database, with the environment the apps get, and resolves with the JSON line it prints.
 */
export function runYardstickJob(
  name: ProjectionYardstick,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<YardstickJobResult> {
  const entry = join(__dirname, '..', 'yardsticks', name, 'main.js');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as YardstickJobResult);
      else reject(new Error(`yardstick ${name} exited with ${code}:\n${stderr}${stdout}`));
    });
  });
}
