import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

/**
 * Where a running app listens, written to `<DATA_DIR>/<name>.url` once it listens, so the
 * operator's CLI finds the product started on the same data directory without being told a
 * port. A clean stop removes it; after a crash it stays, and the CLI checks it answers before
 * trusting it.
 */
export function announceAddress(dataDir: string, name: string, url: string): void {
  const file = join(dataDir, `${name}.url`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${url}\n`);
  } catch (error) {
    // A convenience for the CLI: an app that cannot write here still serves.
    new Logger(name).warn(
      `could not write ${file} (${(error as Error).message}): the CLI will need --url`,
    );
    return;
  }
  const forget = (): void => {
    try {
      // Another process of the same name may have announced itself since: leave its address.
      if (readFileSync(file, 'utf8').trim() === url) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  // A stop by signal ends with the signal re-raised (no 'exit' event): forget as it begins.
  process.once('exit', forget);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, forget);
}
