import { widenedBucketsNote } from './widened-buckets';

describe('the note on buckets wider than the range', () => {
  const hours = (from: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => new Date(Date.parse(from) + i * 3_600_000).toISOString());

  it('says nothing when the buckets cover exactly the range', () => {
    const range = { from: new Date('2026-12-01T10:00:00Z'), to: new Date('2026-12-01T13:00:00Z') };
    expect(widenedBucketsNote(hours('2026-12-01T10:00:00Z', 3), range, 'HOUR', 'UTC')).toBeNull();
    expect(widenedBucketsNote([], range, 'HOUR', 'UTC')).toBeNull();
  });

  it('says which end was rounded out, in the series zone', () => {
    // The last 3 hours at 12:37: whole hours from 09:00 (10:00 in Lagos) to 13:00.
    const range = { from: new Date('2026-12-01T09:37:00Z'), to: new Date('2026-12-01T12:37:00Z') };
    const note = widenedBucketsNote(
      hours('2026-12-01T09:00:00Z', 4),
      range,
      'HOUR',
      'Africa/Lagos',
    );
    expect(note).toMatch(
      /^Rounded out to whole hours: the first starts at .*10:00 AM, before the range, and the last hour runs past/,
    );
    expect(note).toMatch(/more than the totals/);
  });

  it('takes a 23-hour local day as a whole day', () => {
    // Europe/Berlin springs forward on 2026-03-29: that day is 23 hours long.
    const starts = ['2026-03-27T23:00:00Z', '2026-03-28T23:00:00Z'];
    const range = { from: new Date('2026-03-27T23:00:00Z'), to: new Date('2026-03-29T22:00:00Z') };
    expect(widenedBucketsNote(starts, range, 'DAY', 'Europe/Berlin')).toBeNull();
  });

  it('knows a UTC day ending at 23:00 is not whole, though 23 hours can be a day elsewhere', () => {
    const starts = ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'];
    const range = { from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-01T23:00:00Z') };
    expect(widenedBucketsNote(starts, range, 'DAY', 'UTC')).toMatch(
      /the last day runs past the range's end/,
    );
  });
});
