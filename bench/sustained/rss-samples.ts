import { readFileSync } from 'node:fs';

/** Resident set size of a process now, in MiB (VmRSS), or null once it has gone. */
export function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export interface RssFigures {
  /** The first sample at or after the warm-up. */
  readonly startMiB: number;
  readonly endMiB: number;
  readonly peakMiB: number;
  readonly flat: boolean;
}

/**
 * The rule for "flat": the end of the run within 10 % (at least 16 MiB) of the start after the
 * warm-up. A leak of a few bytes per click grows far past that over minutes at thousands of
 * clicks/s; the heap's own breathing stays within it.
 */
export const FLAT_RULE = 'end − start ≤ max(10 % of start, 16 MiB), start taken after the warm-up';

export function rssFigures(
  samples: readonly { atMs: number; mib: number }[],
  warmUpMs: number,
): RssFigures {
  const after = samples.filter((s) => s.atMs >= warmUpMs);
  const start = (after[0] ?? samples[0]).mib;
  const end = samples[samples.length - 1].mib;
  return {
    startMiB: Math.round(start),
    endMiB: Math.round(end),
    peakMiB: Math.round(Math.max(...samples.map((s) => s.mib))),
    flat: end - start <= Math.max(0.1 * start, 16),
  };
}
