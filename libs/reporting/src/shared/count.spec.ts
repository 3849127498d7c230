import { toCount, usersAmong } from './count';

describe('counts as shown', () => {
  it('never shows more unique users than the valid clicks they made', () => {
    expect(usersAmong(853, 842)).toBe(842);
    expect(usersAmong(40, 842)).toBe(40);
    expect(usersAmong(0, 0)).toBe(0);
  });

  it('reads PostgreSQL sums', () => {
    expect(toCount('12345678901')).toBe(12_345_678_901);
    expect(toCount(null)).toBe(0);
  });
});
