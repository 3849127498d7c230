/** `[########----------]  42%`: a bar for a terminal line. */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

const number = (n: number) => Math.round(n).toLocaleString('en');

export interface ProgressView {
  readonly projection: string;
  readonly status: string;
  readonly progress: {
    readonly eventsApplied: number;
    readonly eventsTotal: number | null;
    readonly fraction: number | null;
    readonly eventsPerSecond: number;
    readonly etaSeconds: number | null;
  };
}

export function progressLine(job: ProgressView): string {
  const p = job.progress;
  return [
    job.projection.padEnd(14),
    bar(p.fraction ?? 0),
    `${number(p.eventsApplied)}${p.eventsTotal !== null ? `/${number(p.eventsTotal)}` : ''} events`,
    `${number(p.eventsPerSecond)} ev/s`,
    p.etaSeconds !== null ? `ETA ${duration(p.etaSeconds)}` : '',
    job.status.toLowerCase(),
  ]
    .filter(Boolean)
    .join('  ');
}
