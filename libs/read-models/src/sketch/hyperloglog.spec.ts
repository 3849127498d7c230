import { HyperLogLog } from './hyperloglog';

const within = (estimate: number, truth: number): number => Math.abs(estimate - truth) / truth;

describe('HyperLogLog', () => {
  it('counts small sets exactly enough and stays sparse', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 100; i++) hll.add(`user-${i % 50}`);
    expect(hll.estimate()).toBe(50);
    expect(hll.toBytes().length).toBeLessThan(200);
    expect(new HyperLogLog().estimate()).toBe(0);
  });

  it.each([1_000, 5_000, 20_000, 60_000])(
    'estimates %i distinct keys within 2.5 standard errors',
    (n) => {
      const hll = new HyperLogLog();
      for (let i = 0; i < n; i++) hll.add(`k:${n}:${i}`);
      expect(within(hll.estimate(), n)).toBeLessThan(2.5 * 0.01625);
    },
  );

  it('has the standard error of precision 12 (about 1.6%) over many independent sets', () => {
    const errors: number[] = [];
    for (let run = 0; run < 16; run++) {
      const hll = new HyperLogLog();
      for (let i = 0; i < 10_000; i++) hll.add(`run${run}-user${i}`);
      errors.push((hll.estimate() - 10_000) / 10_000);
    }
    const rms = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / errors.length);
    expect(rms).toBeLessThan(0.022);
    expect(Math.abs(errors.reduce((a, b) => a + b, 0) / errors.length)).toBeLessThan(0.012); // unbiased
  });

  it('merges to the union, not the sum, and survives serialisation', () => {
    const monday = new HyperLogLog();
    const tuesday = new HyperLogLog();
    for (let i = 0; i < 15_000; i++) monday.add(`u${i}`);
    for (let i = 10_000; i < 25_000; i++) tuesday.add(`u${i}`);
    const union = HyperLogLog.fromBytes(monday.toBytes());
    union.merge(HyperLogLog.fromBytes(tuesday.toBytes()));
    expect(within(union.estimate(), 25_000)).toBeLessThan(0.03);

    const small = new HyperLogLog();
    small.add('a');
    small.add('b');
    const roundTrip = HyperLogLog.fromBytes(small.toBytes());
    roundTrip.merge(HyperLogLog.fromBytes(Buffer.from(small.toBytes())));
    expect(roundTrip.estimate()).toBe(2);
  });

  it('merges serialized sketches from their bytes exactly as it merges sketches', () => {
    const sketches = [3, 40, 2_000, 9_000].map((n, s) => {
      const hll = new HyperLogLog();
      for (let i = 0; i < n; i++) hll.add(`s${s}-${i % 1_500}-${i}`);
      return hll.toBytes();
    });
    expect(sketches[0][0]).not.toBe(sketches[3][0]); // both forms, sparse and dense, are in play
    const byObjects = new HyperLogLog();
    const byBytes = HyperLogLog.unionAccumulator();
    const sparseStart = new HyperLogLog();
    for (const bytes of sketches) {
      byObjects.merge(HyperLogLog.fromBytes(bytes));
      byBytes.mergeBytes(bytes);
      sparseStart.mergeBytes(bytes);
    }
    expect(byBytes.toBytes()).toEqual(byObjects.toBytes());
    expect(sparseStart.toBytes()).toEqual(byObjects.toBytes());
    expect(() => byBytes.mergeBytes(Buffer.from([9, 12, 0, 0, 0]))).toThrow(/unknown HLL format/);
  });
});
