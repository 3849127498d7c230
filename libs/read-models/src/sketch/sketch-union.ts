import { HyperLogLog } from './hyperloglog';

/**
 * The union of bucket sketches, added one at a time. A lone sketch is estimated as it is;
 * from the second on they are merged from their bytes into a dense accumulator, which is
 * what keeps a 100-ad, 30-day total from spending its time building maps.
 */
export class SketchUnion {
  private first?: Buffer;
  private union?: HyperLogLog;

  add(bytes: Buffer | null | undefined): void {
    if (!bytes || bytes.length === 0) return;
    if (!this.first && !this.union) {
      this.first = bytes;
      return;
    }
    if (!this.union) {
      this.union = HyperLogLog.unionAccumulator();
      this.union.mergeBytes(this.first);
      this.first = undefined;
    }
    this.union.mergeBytes(bytes);
  }

  estimate(): number {
    if (this.union) return this.union.estimate();
    return this.first ? HyperLogLog.fromBytes(this.first).estimate() : 0;
  }
}

/** Unique users of a set of buckets: the estimate of the union of their sketches, never a sum. */
export function uniqueUsers(sketches: readonly (Buffer | null)[]): number {
  const union = new SketchUnion();
  for (const bytes of sketches) union.add(bytes);
  return union.estimate();
}
