import { Granularity, UNIT_MS } from './granularity';

/** Start of the UTC bucket holding `ms`: every bucket the projections write starts here. */
export function bucketStart(ms: number, granularity: Granularity): number {
  const size = UNIT_MS[granularity];
  return ms - (((ms % size) + size) % size);
}
