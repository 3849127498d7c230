import { MAX_POINTS, pointCount, presetRange, rangeProblem } from './range';

describe('dashboard time ranges', () => {
  const now = Date.parse('2026-03-08T06:59:30.500Z');

  it('ends a preset at the end of the current minute, so the latest click is inside', () => {
    const range = presetRange('1h', now);
    expect(range.to.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(range.from.toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(range.live).toBe(true);
    expect(pointCount(range, 'MINUTE')).toBe(60);
    expect(pointCount(presetRange('30d', now), 'DAY')).toBe(30);
  });

  it('says in words what is wrong with a range before asking the server', () => {
    const week = presetRange('7d', now);
    expect(rangeProblem(week, 'MINUTE')).toBeNull(); // exactly the ceiling
    expect(pointCount(week, 'MINUTE')).toBe(MAX_POINTS);
    expect(rangeProblem(presetRange('30d', now), 'MINUTE')).toMatch(
      /43,200 minutes.*at most 10,080/,
    );
    expect(rangeProblem({ from: week.to, to: week.from, live: false }, 'HOUR')).toMatch(/before/);
    expect(rangeProblem({ from: new Date(NaN), to: week.to, live: false }, 'HOUR')).toMatch(/both/);
  });
});
