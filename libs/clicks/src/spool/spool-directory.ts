import {
  chmodSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  formatIdentity,
  identityOf,
  isRunning,
  parseIdentity,
  ProcessIdentity,
} from '@app/database';

const LOCK = 'owner.lock';
const TAKEOVER = 'owner.takeover';
const TAKEOVER_EXPIRES_MS = 10_000;
/** Directories a data directory may hold: `spool`, `spool-1`, … one per live tracker process. */
const MAX_DIRECTORIES = 64;

export interface SpoolDirectory {
  readonly path: string;
  /** Makes the directory and its lock again if someone deleted them; throws if another process took it. */
  restore(): void;
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
    if (tryLock(path)) return owned(path);
  }
  throw new Error(
    `every spool directory under ${dataDir} is owned by a running process (${MAX_DIRECTORIES}); give this tracker its own DATA_DIR`,
  );
}

/**
 * The other spool directories beside `own` whose tracker is gone (crashed, or scaled away for
 * good), locked for this process so it can replay them; release each when done. Without this,
 * clicks in a directory nobody starts on again would wait for ever.
 */
export function adoptOrphanedDirectories(own: string): SpoolDirectory[] {
  const dataDir = dirname(own);
  return readdirSync(dataDir)
    .filter((name) => SPOOL_DIRECTORY.test(name) && name !== basename(own))
    .map((name) => join(dataDir, name))
    .filter((path) => tryLock(path))
    .map(owned);
}

const SPOOL_DIRECTORY = /^spool(-\d+)?$/;

function owned(path: string): SpoolDirectory {
  return {
    path,
    restore: () => {
      if (ownerOf(path)?.pid === process.pid) return;
      if (!tryLock(path)) throw new Error(`another process has taken the spool directory ${path}`);
    },
    release: () => {
      if (ownerOf(path)?.pid === process.pid) unlinkQuietly(join(path, LOCK));
    },
  };
}

/** Takes the directory if nobody (alive) holds it: its lock is absent or stale. */
function tryLock(path: string): boolean {
  // Spooled clicks carry user keys: owner-only permissions (also for a directory made before).
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  const lock = join(path, LOCK);
  if (createExclusive(lock)) return true;
  if (!isStale(path)) return false;
  // Taking over is check-then-replace, so it is done under a second, exclusive lock: two
  // processes that both saw the same stale owner cannot both replace it (the second would
  // otherwise move aside the fresh lock the first just made).
  const takeover = join(path, TAKEOVER);
  if (!enterTakeover(takeover)) return false;
  try {
    if (!isStale(path)) return false;
    unlinkQuietly(lock);
    return createExclusive(lock);
  } finally {
    rmdirQuietly(takeover);
  }
}

function isStale(path: string): boolean {
  const owner = ownerOf(path);
  return owner === undefined || owner.pid === process.pid || !isRunning(owner);
}

/** mkdir is atomic; a takeover left behind by a crash (it lasts microseconds) expires. */
function enterTakeover(takeover: string): boolean {
  try {
    mkdirSync(takeover, { mode: 0o700 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    if (Date.now() - statSync(takeover).mtimeMs < TAKEOVER_EXPIRES_MS) return false;
    rmdirQuietly(takeover);
    mkdirSync(takeover, { mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

function rmdirQuietly(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Creates the lock with its content in one step (written beside it, then hard-linked into
 * place, which fails if it exists), so nobody ever reads an empty lock and takes it for stale.
 */
function createExclusive(lock: string): boolean {
  const draft = `${lock}.${process.pid}.draft`;
  writeFileSync(draft, `${formatIdentity(identityOf(process.pid))}\n`, { mode: 0o600 });
  try {
    linkSync(draft, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(draft);
  }
}

function ownerOf(path: string): ProcessIdentity | undefined {
  try {
    return parseIdentity(readFileSync(join(path, LOCK), 'utf8'));
  } catch {
    return undefined;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
