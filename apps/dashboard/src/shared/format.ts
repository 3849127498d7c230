const numbers = new Intl.NumberFormat('en');

export function count(n: number): string {
  return numbers.format(Math.round(n));
}

/** "12:01:03 (4 s ago)" for a freshness stamp, or a plain word when there is none. */
export function freshness(asOf: string | null, now: number): string {
  if (!asOf) return 'nothing projected yet';
  const at = new Date(asOf);
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  const ago =
    seconds < 120
      ? `${seconds} s ago`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min ago`
        : `${Math.round(seconds / 3600)} h ago`;
  return `${at.toLocaleTimeString()} (${ago})`;
}

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
