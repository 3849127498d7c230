import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const LOCK = 'owner.lock';
/** Directories a data directory may hold: `spool`, `spool-1`, … one per live tracker process. */
const MAX_DIRECTORIES = 64;

export interface SpoolDirectory {
  readonly path: string;
  /** Gives the directory up (a clean stop); a crash leaves the lock for the next owner to take over. */
  release(): void;
}

/**
 * The spool has exactly one owner: whoever holds `owner.lock` (created exclusively, holding the
 * owner's pid). A second tracker on the same DATA_DIR takes the next free directory
 * (`spool-1`, …) instead of writing into or replaying a file someone else owns. A lock whose
 * process is gone (a crash) is taken over, so a restarted tracker finds its clicks again.
 * PIDs are only meaningful on one machine: DATA_DIR must not be shared across hosts or containers.
 */
export function acquireSpoolDirectory(dataDir: string): SpoolDirectory {
  for (let i = 0; i < MAX_DIRECTORIES; i++) {
    const path = join(dataDir, i === 0 ? 'spool' : `spool-${i}`);
    if (tryLock(path)) {
      return {
        path,
        release: () => {
          if (ownerOf(path) === process.pid) unlinkQuietly(join(path, LOCK));
        },
      };
    }
  }
  throw new Error(
    `every spool directory under ${dataDir} is owned by a running process (${MAX_DIRECTORIES}); give this tracker its own DATA_DIR`,
  );
}

/** Whether the directory's owner is gone: its lock is stale (or absent), so it may be adopted. */
export function tryLock(path: string): boolean {
  // Spooled clicks carry user keys: owner-only permissions (also for a directory made before).
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  const lock = join(path, LOCK);
  if (createExclusive(lock)) return true;
  const owner = ownerOf(path);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) return false;
  // Stale: move it aside atomically (only one of two racing processes can rename it), then
  // compete for a fresh lock like anyone else.
  const aside = join(path, `${LOCK}.stale-${process.pid}`);
  try {
    renameSync(lock, aside);
    unlinkQuietly(aside);
  } catch {
    // Someone else moved it first.
  }
  return createExclusive(lock);
}

function createExclusive(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(path, LOCK), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
