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

export interface Sample {
  readonly atMs: number;
  readonly mib: number;
}

export interface RssFigures {
  /** Median RSS over the first window after the warm-up. */
  readonly startMiB: number;
  /** Median RSS over the last window of the run. */
  readonly endMiB: number;
  readonly peakMiB: number;
  /**
   * The V8 heap in use at its lowest in the first and the last window (the live data just
   * after a major collection, give or take a second of allocation); null when /metrics was
   * not read.
   */
  readonly heapFloorStartMiB: number | null;
  readonly heapFloorEndMiB: number | null;
  readonly flat: boolean;
}

/**
 * The rule for "flat": the median RSS of the run's last window within 10 % (at least 16 MiB)
 * of the median of its first window after the warm-up. A leak of a few bytes per click grows
 * far past that over minutes at thousands of clicks/s; the heap's own breathing stays within
 * it. Medians over windows, not single samples: under this load the projector's heap swings
 * by 100 MiB between major collections (every 20 s or so), so the RSS of any one instant says
 * where in that cycle the sample fell more than what the process holds (docs/benchmarks.md).
 */
export const FLAT_RULE =
  'median RSS of the last window − median of the first window after the warm-up ≤ max(10 % of the first, 16 MiB)';

/** How long each of the two windows lasts: a few major collections, within the run. */
export function windowMs(runMs: number, warmUpMs: number): number {
  return Math.min(60_000, (runMs - warmUpMs) / 4);
}

export function rssFigures(
  rss: readonly Sample[],
  heap: readonly Sample[],
  warmUpMs: number,
  runMs: number,
): RssFigures {
  const span = windowMs(runMs, warmUpMs);
  const first = (samples: readonly Sample[]) =>
    samples.filter((s) => s.atMs >= warmUpMs && s.atMs < warmUpMs + span).map((s) => s.mib);
  const last = (samples: readonly Sample[]) =>
    samples.filter((s) => s.atMs >= runMs - span).map((s) => s.mib);
  const or = (values: number[], whole: readonly Sample[]) =>
    values.length > 0 ? values : whole.map((s) => s.mib);
  const start = median(or(first(rss), rss));
  const end = median(or(last(rss), rss));
  const floor = (values: number[]) => (values.length > 0 ? Math.round(Math.min(...values)) : null);
  return {
    startMiB: Math.round(start),
    endMiB: Math.round(end),
    peakMiB: Math.round(Math.max(...rss.map((s) => s.mib))),
    heapFloorStartMiB: floor(first(heap)),
    heapFloorEndMiB: floor(last(heap)),
    flat: end - start <= Math.max(0.1 * start, 16),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
