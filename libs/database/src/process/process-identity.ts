import { readFileSync } from 'node:fs';

/**
 * A process as it can be told apart later: its pid and when it started (Linux clock ticks
 * since boot), so a pid reused by another process after a crash is not mistaken for it. It
 * lives in the database lib, the lowest one that needs it (the embedded cluster's owner);
 * the spool's owner uses it too.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** Absent where there is no /proc. */
  readonly startTime?: string;
}

export function identityOf(pid: number): ProcessIdentity {
  const startTime = startTimeOf(pid);
  return startTime === undefined ? { pid } : { pid, startTime };
}

/** Alive and the same process. */
export function isRunning(identity: ProcessIdentity): boolean {
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Where /proc tells start times, the identity must name the same one (one without is stale).
  const startTime = startTimeOf(identity.pid);
  return startTime === undefined || startTime === identity.startTime;
}

/** "pid startTime", as written into lock files. */
export function formatIdentity(identity: ProcessIdentity): string {
  return identity.startTime ? `${identity.pid} ${identity.startTime}` : String(identity.pid);
}

export function parseIdentity(text: string): ProcessIdentity | undefined {
  const [pid, startTime] = text.trim().split(' ');
  const value = Number(pid);
  if (!Number.isInteger(value) || value <= 0) return undefined;
  return startTime ? { pid: value, startTime } : { pid: value };
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
