import { ReportingError, ReportingErrorCode } from '../reporting.error';
import { Granularity, UNIT_MS } from '@app/read-models';

/** 7 days of minutes, 420 days of hours, 27 years of days. */
export const MAX_SERIES_POINTS = 10_080;

/** A half-open range [from, to) of instants, in milliseconds since the epoch. */
export interface Range {
  readonly from: number;
  readonly to: number;
}

export function checkRange(from: Date, to: Date): Range {
  const range = { from: from.getTime(), to: to.getTime() };
  if (!(range.from < range.to))
    throw new ReportingError(
      ReportingErrorCode.InvalidRange,
      `"from" (${from.toISOString()}) must be before "to" (${to.toISOString()})`,
    );
  return range;
}

const floorTo = (ms: number, unit: number): number => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number): number => Math.ceil(ms / unit) * unit;

/**
 * How many buckets a series over the range has: from the bucket holding `from` to the one
 * holding the last instant before `to`. Exact for minutes and hours; for days in a time zone
 * other than UTC it may be one off, which the limit can bear.
 */
export function seriesPoints(range: Range, granularity: Granularity): number {
  const unit = UNIT_MS[granularity];
  return (ceilTo(range.to, unit) - floorTo(range.from, unit)) / unit;
}

export function checkSeriesPoints(range: Range, granularity: Granularity): void {
  const points = seriesPoints(range, granularity);
  if (points > MAX_SERIES_POINTS)
    throw new ReportingError(
      ReportingErrorCode.TooManyPoints,
      `a ${granularity.toLowerCase()} series over this range has ${points} points; the limit is ` +
        `${MAX_SERIES_POINTS}: narrow the range or use a coarser granularity`,
    );
}

/** The pieces of a range that each bucket table answers exactly. Every piece is [from, to). */
export interface Tiling {
  readonly minute: Range[];
  readonly hour: Range[];
  readonly day: Range[];
}

/** Each piece of a tiling, with the granularity whose bucket table answers it. */
export const TILES: readonly (readonly [keyof Tiling, Granularity])[] = [
  ['minute', Granularity.MINUTE],
  ['hour', Granularity.HOUR],
  ['day', Granularity.DAY],
];

/**
 * Splits a range (rounded outwards to whole minutes) into whole UTC days in the middle, whole
 * hours around them, and minutes at the ragged ends: the fewest bucket rows that cover it
 * exactly. Totals over 30 days read ~30 day rows per ad, not 43,200 minutes.
 */
export function tile(range: Range): Tiling {
  const M = UNIT_MS[Granularity.MINUTE];
  const H = UNIT_MS[Granularity.HOUR];
  const D = UNIT_MS[Granularity.DAY];
  const from = floorTo(range.from, M);
  const to = ceilTo(range.to, M);
  const h1 = Math.min(ceilTo(from, H), to);
  const h2 = Math.max(floorTo(to, H), h1);
  const d1 = Math.min(ceilTo(h1, D), h2);
  const d2 = Math.max(floorTo(h2, D), d1);
  const nonEmpty = (pieces: Range[]): Range[] => pieces.filter((p) => p.from < p.to);
  return {
    minute: nonEmpty([
      { from, to: h1 },
      { from: h2, to },
    ]),
    hour: nonEmpty([
      { from: h1, to: d1 },
      { from: d2, to: h2 },
    ]),
    day: nonEmpty([{ from: d1, to: d2 }]),
  };
}

/** The range a tiling covers: the range asked, rounded outwards to whole minutes. */
export function coveredRange(tiling: Tiling): { from: Date; to: Date } {
  const pieces = [...tiling.minute, ...tiling.hour, ...tiling.day];
  return {
    from: new Date(Math.min(...pieces.map((p) => p.from))),
    to: new Date(Math.max(...pieces.map((p) => p.to))),
  };
}

/**
 * One SELECT per granularity the tiling uses, each limited to its pieces by `within` (an OR of
 * half-open bucket_start ranges whose bounds are pushed onto `params`), for a UNION ALL.
 */
export function perTile(
  tiling: Tiling,
  params: unknown[],
  select: (granularity: Granularity, within: string) => string,
): string[] {
  const parts: string[] = [];
  for (const [pieces, granularity] of TILES) {
    const ranges = tiling[pieces];
    if (ranges.length === 0) continue;
    const within = ranges.map((range: Range) => {
      params.push(new Date(range.from), new Date(range.to));
      return `(bucket_start >= $${params.length - 1} AND bucket_start < $${params.length})`;
    });
    parts.push(select(granularity, within.join(' OR ')));
  }
  return parts;
}
