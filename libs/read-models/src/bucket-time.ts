import { Granularity, UNIT_MS } from './granularity';

/** Start of the UTC bucket holding `ms`: every bucket the projections write starts here. */
export function bucketStart(ms: number, granularity: Granularity): number {
  const size = UNIT_MS[granularity];
  return ms - (((ms % size) + size) % size);
}

/** How far past the UTC hour the shifted hours start: every real UTC offset is a multiple of 15 minutes. */
export const HOUR_SHIFTS_MS: readonly number[] = [15 * 60_000, 30 * 60_000, 45 * 60_000];

/**
 * Starts of the three shifted hours holding `ms` (one per entry of HOUR_SHIFTS_MS). Why shifted
 * hours and not quarter-hour buckets: a local hour in India or Nepal is then one stored row, as
 * a UTC hour is, with its unique-user estimate stored; from quarter hours it would be four rows
 * whose sketches must be read and merged per point, several times the cost of the UTC series.
 * The price is three more hour-sized rows per (ad, hour) with clicks, written once per batch.
 */
export function shiftedHourStarts(ms: number): number[] {
  return HOUR_SHIFTS_MS.map((shift) => bucketStart(ms - shift, Granularity.HOUR) + shift);
}
