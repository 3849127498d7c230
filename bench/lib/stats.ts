/** Latency percentiles over one run's samples (milliseconds). */
export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)];
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** A figure measured over several runs: the median, with the spread beside it. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export function spread(runs: readonly number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs,
  };
}

/** `1.23 ms (1.10–1.40)`: a median and its range, for tables. */
export function formatSpread(value: Spread, unit: string, digits = 2): string {
  const f = (x: number) => x.toFixed(x !== 0 && Math.abs(x) < 10 ? Math.max(digits, 2) : digits);
  return `${f(value.median)}${unit ? ` ${unit}` : ''} (${f(value.min)}–${f(value.max)})`;
}
