import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  formatIdentity,
  identityOf,
  isRunning,
  parseIdentity,
  ProcessIdentity,
} from '../process/process-identity';

/**
 * Which of our processes started the cluster in a data directory: `<dataDir>/postgres-owner`
 * holds its identity. A cluster whose owner is alive is shared (other processes attach to
 * it); one whose owner is gone was left behind by a crash and is stopped before a new start.
 */
export class ClusterOwner {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'postgres-owner');
  }

  /** The owner, if it still runs. */
  alive(): ProcessIdentity | undefined {
    if (!existsSync(this.file)) return undefined;
    const owner = parseIdentity(readFileSync(this.file, 'utf8'));
    return owner && isRunning(owner) ? owner : undefined;
  }

  claim(): void {
    writeFileSync(this.file, `${formatIdentity(identityOf(process.pid))}\n`, { mode: 0o600 });
  }

  release(): void {
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone.
    }
  }
}

/** How long an orphaned cluster gets for a fast shutdown before it is told to quit at once. */
const FAST_SHUTDOWN_MS = 30_000;

/**
 * Stops a postmaster nobody owns: a fast shutdown (SIGINT: sessions cut, a checkpoint, data
 * safe), then, if it hangs, an immediate one (SIGQUIT: crash recovery on the next start).
 */
export async function stopOrphan(postmaster: ProcessIdentity): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(postmaster.pid, name);
    } catch {
      // Gone already.
    }
  };
  signal('SIGINT');
  const deadline = Date.now() + FAST_SHUTDOWN_MS;
  while (isRunning(postmaster)) {
    if (Date.now() > deadline) {
      signal('SIGQUIT');
      await sleep(2_000);
      break;
    }
    await sleep(100);
  }
}
