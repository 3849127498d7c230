import { HyperLogLog } from '@app/projections';

/** The union of bucket sketches, added one at a time (a single one is estimated as is). */
export class SketchUnion {
  private union?: HyperLogLog;

  add(bytes: Buffer | null | undefined): void {
    if (!bytes || bytes.length === 0) return;
    const sketch = HyperLogLog.fromBytes(bytes);
    if (this.union) this.union.merge(sketch);
    else this.union = sketch;
  }

  estimate(): number {
    return this.union?.estimate() ?? 0;
  }
}

/** Unique users of a set of buckets: the estimate of the union of their sketches, never a sum. */
export function uniqueUsers(sketches: readonly (Buffer | null)[]): number {
  const union = new SketchUnion();
  for (const bytes of sketches) union.add(bytes);
  return union.estimate();
}
