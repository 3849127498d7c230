import { HyperLogLog } from '@app/projections';

/** Unique users of a set of buckets: the estimate of the union of their sketches. */
export function uniqueUsers(sketches: readonly (Buffer | null)[] | null): number {
  if (!sketches || sketches.length === 0) return 0;
  if (sketches.length === 1) return HyperLogLog.fromBytes(sketches[0]).estimate();
  const union = new HyperLogLog();
  for (const bytes of sketches) if (bytes) union.merge(HyperLogLog.fromBytes(bytes));
  return union.estimate();
}
