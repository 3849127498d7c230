import { Granularity, UNIT_MS } from '@app/read-models';
import { MAX_SERIES_POINTS, Range, seriesPoints, tile, TILES } from './time-range';

/**
 * What a reporting query will read, for the cost limit (graphql-query-complexity calls these
 * with the coerced arguments before any resolver runs). They never throw: arguments the
 * resolver will refuse (a reversed range, too many points) cost 1, since the refusal reads
 * nothing. They always return a finite number: a NaN would disable the limit.
 */
export type CostArgs = Readonly<Record<string, unknown>>;

function rangeOf(args: CostArgs): Range | undefined {
  const { from, to } = args;
  if (!(from instanceof Date) || !(to instanceof Date)) return undefined;
  const range = { from: from.getTime(), to: to.getTime() };
  return Number.isFinite(range.from) && Number.isFinite(range.to) && range.from < range.to
    ? range
    : undefined;
}

const finite = (cost: number): number => (Number.isFinite(cost) ? Math.max(1, cost) : 1);

/** A series: one per point it returns (every bucket is generated, read and sent). */
export function seriesCost(args: CostArgs): number {
  const range = rangeOf(args);
  const granularity = args.granularity as Granularity;
  if (!range || !(granularity in UNIT_MS)) return 1;
  const points = seriesPoints(range, granularity);
  return points > MAX_SERIES_POINTS ? 1 : finite(points);
}

/** Totals: the minute, hour and day buckets the tiled range reads, for every ad asked for. */
export function totalsCost(args: CostArgs): number {
  const range = rangeOf(args);
  const ads = Array.isArray(args.adIds) ? new Set(args.adIds).size : 1;
  if (!range) return 1;
  const tiling = tile(range);
  let buckets = 0;
  for (const [pieces, granularity] of TILES)
    for (const piece of tiling[pieces]) buckets += (piece.to - piece.from) / UNIT_MS[granularity];
  return finite(ads * buckets);
}

/**
 * A breakdown: the minute, hour and day rows of the tiled range, as totals (each holds one row
 * per value seen, which the cost leaves to the row limit of the answer).
 */
export function breakdownCost(args: CostArgs): number {
  return totalsCost({ ...args, adIds: undefined });
}

/** Top ads: the window's minutes (a range scan over every ad's minute buckets), plus its rows. */
export function topAdsCost(args: CostArgs, childComplexity: number): number {
  const minutes = typeof args.lastMinutes === 'number' ? args.lastMinutes : 60;
  const limit = typeof args.limit === 'number' ? args.limit : 10;
  return finite(minutes + limit * childComplexity);
}
