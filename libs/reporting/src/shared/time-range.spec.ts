import { Granularity } from '@app/read-models';
import { checkRange, checkSeriesPoints, Range, seriesPoints, tile } from './time-range';

const at = (iso: string) => Date.parse(iso);
const range = (from: string, to: string): Range => ({ from: at(from), to: at(to) });
const iso = (pieces: Range[]) =>
  pieces.map((p) => [new Date(p.from).toISOString(), new Date(p.to).toISOString()]);

describe('time ranges', () => {
  it('refuses an empty or reversed range', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(() => checkRange(d, d)).toThrow(/must be before/);
    expect(() => checkRange(d, new Date('2025-12-31T00:00:00Z'))).toThrow(/must be before/);
  });

  it('counts series points from the bucket holding `from` to the one before `to`', () => {
    expect(
      seriesPoints(range('2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z'), Granularity.MINUTE),
    ).toBe(10_080);
    expect(
      seriesPoints(range('2026-01-01T00:00:30Z', '2026-01-01T00:01:30Z'), Granularity.MINUTE),
    ).toBe(2);
    expect(
      seriesPoints(range('2026-01-01T10:15:00Z', '2026-01-01T10:45:00Z'), Granularity.HOUR),
    ).toBe(1);
    expect(() =>
      checkSeriesPoints(range('2026-01-01T00:00:00Z', '2026-01-08T00:00:01Z'), Granularity.MINUTE),
    ).toThrow(/10081 points; the limit is 10080/);
  });

  it('tiles a long range into days in the middle, hours around them, minutes at the ends', () => {
    const t = tile(range('2026-01-01T22:30:00Z', '2026-01-04T01:15:00Z'));
    expect(iso(t.minute)).toEqual([
      ['2026-01-01T22:30:00.000Z', '2026-01-01T23:00:00.000Z'],
      ['2026-01-04T01:00:00.000Z', '2026-01-04T01:15:00.000Z'],
    ]);
    expect(iso(t.hour)).toEqual([
      ['2026-01-01T23:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-04T00:00:00.000Z', '2026-01-04T01:00:00.000Z'],
    ]);
    expect(iso(t.day)).toEqual([['2026-01-02T00:00:00.000Z', '2026-01-04T00:00:00.000Z']]);
  });

  it('tiles a short range without overlaps or gaps, rounding outwards to minutes', () => {
    const t = tile(range('2026-01-01T10:30:20Z', '2026-01-01T11:14:10Z'));
    expect(iso(t.minute)).toEqual([
      ['2026-01-01T10:30:00.000Z', '2026-01-01T11:00:00.000Z'],
      ['2026-01-01T11:00:00.000Z', '2026-01-01T11:15:00.000Z'],
    ]);
    expect(t.hour).toEqual([]);
    expect(t.day).toEqual([]);
    expect(iso(tile(range('2026-01-01T10:30:00Z', '2026-01-01T10:45:00Z')).minute)).toEqual([
      ['2026-01-01T10:30:00.000Z', '2026-01-01T10:45:00.000Z'],
    ]);
  });

  it('covers every minute of random ranges exactly once', () => {
    const base = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      const from = base + Math.floor(Math.random() * 5 * 86_400) * 1000;
      const to = from + 60_000 + Math.floor(Math.random() * 4 * 86_400) * 1000;
      const t = tile({ from, to });
      const pieces = [...t.minute, ...t.hour, ...t.day].sort((a, b) => a.from - b.from);
      expect(pieces[0].from).toBe(Math.floor(from / 60_000) * 60_000);
      expect(pieces[pieces.length - 1].to).toBe(Math.ceil(to / 60_000) * 60_000);
      for (let k = 1; k < pieces.length; k++) expect(pieces[k].from).toBe(pieces[k - 1].to);
      for (const p of t.hour) expect([p.from % 3_600_000, p.to % 3_600_000]).toEqual([0, 0]);
      for (const p of t.day) expect([p.from % 86_400_000, p.to % 86_400_000]).toEqual([0, 0]);
    }
  });
});
