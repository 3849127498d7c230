import { readdirSync, readFileSync } from 'node:fs';

function status(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

const kib = (text: string | undefined, field: string): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text ?? '')?.[1] ?? 0);

/**
 * Memory of a PostgreSQL cluster in MiB: the private memory of the postmaster and every backend
 * (RssAnon), plus the shared memory once (the largest RssShmem: shared buffers are mapped by
 * every backend and must not be counted per process).
 */
export function postgresMemoryMiB(postmasterPid: number): number {
  const pids = [postmasterPid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmasterPid) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  let anon = 0;
  let shmem = 0;
  for (const pid of pids) {
    const text = status(pid);
    anon += kib(text, 'RssAnon');
    shmem = Math.max(shmem, kib(text, 'RssShmem'));
  }
  return Math.round((anon + shmem) / 1024);
}

/** Samples a figure every second while a task runs and keeps the largest. */
export async function peakWhile<T>(
  sample: () => number,
  task: Promise<T>,
): Promise<{ result: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 1_000);
  try {
    return { result: await task, peak: Math.max(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}
