import { Granularity } from '@app/read-models';
import { breakdownCost, seriesCost, topAdsCost, totalsCost } from './query-cost';

const at = (iso: string) => new Date(iso);

describe('query costs', () => {
  const week = { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-08T00:00:00Z') };

  it('charges a series one per point', () => {
    expect(seriesCost({ ...week, granularity: Granularity.MINUTE })).toBe(10_080);
    expect(seriesCost({ ...week, granularity: Granularity.HOUR })).toBe(168);
    expect(seriesCost({ ...week, granularity: Granularity.DAY })).toBe(7);
  });

  it('charges totals for the buckets the tiled range reads, per distinct ad', () => {
    const ragged = { from: at('2026-03-01T22:30:00Z'), to: at('2026-03-04T01:15:00Z') };
    // 30 + 15 minutes, 1 + 1 hours, 2 days.
    expect(totalsCost({ ...ragged, adIds: ['a'] })).toBe(49);
    expect(totalsCost({ ...ragged, adIds: ['a', 'b', 'a'] })).toBe(98);
  });

  it('charges a breakdown for its tiled range and top ads per window minute and row', () => {
    // 7 days and the minute holding the extra millisecond.
    expect(breakdownCost({ from: week.from, to: new Date(week.to.getTime() + 1) })).toBe(8);
    expect(
      breakdownCost({ from: at('2026-03-01T22:30:00Z'), to: at('2026-03-04T01:15:00Z') }),
    ).toBe(49);
    expect(topAdsCost({ lastMinutes: 1440, limit: 100 }, 3)).toBe(1740);
    expect(topAdsCost({}, 3)).toBe(90);
  });

  it('never throws and never returns NaN on arguments the resolver will refuse', () => {
    const refused = [
      {},
      { from: week.to, to: week.from, granularity: Granularity.HOUR },
      { from: new Date(NaN), to: week.to, granularity: Granularity.MINUTE },
      { from: 'yesterday', to: 5, granularity: 'WEEK', adIds: 'x' },
      { ...week, granularity: 'FORTNIGHT' },
      // Over the point limit: refused before anything is read.
      { from: new Date(-8.64e15), to: new Date(8.64e15), granularity: Granularity.MINUTE },
    ];
    for (const args of refused) {
      expect(seriesCost(args)).toBe(1);
      expect(totalsCost(args)).toBeGreaterThanOrEqual(1);
      expect(Number.isFinite(breakdownCost(args))).toBe(true);
    }
    expect(Number.isFinite(totalsCost({ from: new Date(-8.64e15), to: new Date(8.64e15) }))).toBe(
      true,
    );
    expect(totalsCost({ ...week, adIds: Array.from({ length: 1000 }, (_, i) => i) })).toBe(7_000);
    expect(breakdownCost({ from: week.from, to: week.from })).toBe(1);
  });
});
