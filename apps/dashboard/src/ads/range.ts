import { type Granularity, UNIT_MS } from '@app/read-models/granularity';

export type PresetId = '1h' | '24h' | '7d' | '30d' | 'custom';

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  /** Length of the range, for the presets that end now. */
  readonly ms?: number;
  /** What a chart of this length reads best at (the user may pick another). */
  readonly granularity: Granularity;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESETS: readonly Preset[] = [
  { id: '1h', label: 'Last hour', ms: HOUR, granularity: 'MINUTE' },
  { id: '24h', label: 'Last 24 hours', ms: DAY, granularity: 'HOUR' },
  { id: '7d', label: 'Last 7 days', ms: 7 * DAY, granularity: 'HOUR' },
  { id: '30d', label: 'Last 30 days', ms: 30 * DAY, granularity: 'DAY' },
  { id: 'custom', label: 'Custom', granularity: 'HOUR' },
];

/** The server's ceiling on one series (7 days of minutes). */
export const MAX_POINTS = 10_080;

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
  /** Whether the range ends now, so the view should keep refreshing itself. */
  readonly live: boolean;
}

/**
 * A preset's range at `now`: it ends at the end of the current minute, so the click that was
 * just made is inside it, and starts one preset-length earlier.
 */
export function presetRange(id: Exclude<PresetId, 'custom'>, now: number): TimeRange {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset?.ms) throw new Error(`unknown preset ${id}`);
  const to = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  return { from: new Date(to - preset.ms), to: new Date(to), live: true };
}

/** Buckets a series over the range would have (roughly: local days may be 23 or 25 hours). */
export function pointCount(range: TimeRange, granularity: Granularity): number {
  return Math.ceil((range.to.getTime() - range.from.getTime()) / UNIT_MS[granularity]);
}

/** Why a range cannot be charted at a granularity, in words for the user; null if it can. */
export function rangeProblem(range: TimeRange, granularity: Granularity): string | null {
  if (Number.isNaN(range.from.getTime()) || Number.isNaN(range.to.getTime()))
    return 'Enter both a start and an end.';
  if (range.from >= range.to) return 'The start must be before the end.';
  const points = pointCount(range, granularity);
  if (points > MAX_POINTS)
    return `That is ${points.toLocaleString('en')} ${granularity.toLowerCase()}s; a chart shows at most ${MAX_POINTS.toLocaleString('en')}. Pick a coarser granularity or a shorter range.`;
  return null;
}

/** `<input type="datetime-local">` values are in the browser's local time. */
export function fromLocalInput(value: string): Date {
  return value ? new Date(value) : new Date(NaN);
}

export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
