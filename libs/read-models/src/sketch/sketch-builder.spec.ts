import { hashKey, HyperLogLog } from './hyperloglog';
import { SketchBuilder } from './sketch-builder';

/** The same keys into a HyperLogLog and into a builder: the stored bytes must be identical. */
function both(keys: readonly string[]): { hll: HyperLogLog; builder: SketchBuilder } {
  const hll = new HyperLogLog();
  const builder = new SketchBuilder();
  for (const key of keys) {
    hll.addHash(hashKey(key));
    builder.addHash(hashKey(key));
  }
  return { hll, builder };
}

describe('SketchBuilder', () => {
  it.each([
    ['empty', 0, 1],
    ['a few keys', 7, 1],
    ['repeated keys', 300, 40],
    ['just sparse', 1_300, 1_300],
    ['dense', 5_000, 5_000],
    // many clicks but few users: the builder goes dense early, the bytes must stay sparse
    ['many clicks, few users', 40_000, 900],
    ['many clicks, many users', 60_000, 30_000],
  ])('serializes %s exactly as a HyperLogLog does', (_name, clicks, users) => {
    const keys = Array.from({ length: clicks }, (_, i) => `u${(i * 7919) % users}`);
    const { hll, builder } = both(keys);
    expect(builder.toBytes()).toEqual(hll.toBytes());
    expect(HyperLogLog.estimateBytes(builder.toBytes())).toBe(hll.estimate());
  });

  it('folds other builders in as a union, in any state', () => {
    const parts = [20, 20_000, 3, 1_000].map((n, p) =>
      both(Array.from({ length: n }, (_, i) => `p${p}-${i % 700}-${i}`)),
    );
    const union = new HyperLogLog();
    const folded = new SketchBuilder();
    for (const { hll, builder } of parts) {
      union.merge(hll);
      folded.addAll(builder);
    }
    expect(folded.toBytes()).toEqual(union.toBytes());
    const small = new SketchBuilder();
    small.addAll(parts[0].builder);
    expect(small.toBytes()).toEqual(parts[0].hll.toBytes());
  });
});
