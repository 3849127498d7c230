import { shiftedHourStarts } from './bucket-time';

describe('shiftedHourStarts', () => {
  const at = (iso: string) =>
    shiftedHourStarts(Date.parse(iso)).map((ms) => new Date(ms).toISOString());

  it('gives the hours starting 15, 30 and 45 minutes past the UTC hour that hold the instant', () => {
    expect(at('2026-11-10T18:29:59.999Z')).toEqual([
      '2026-11-10T18:15:00.000Z',
      '2026-11-10T17:30:00.000Z',
      '2026-11-10T17:45:00.000Z',
    ]);
    expect(at('2026-11-10T18:30:00.000Z')).toEqual([
      '2026-11-10T18:15:00.000Z',
      '2026-11-10T18:30:00.000Z',
      '2026-11-10T17:45:00.000Z',
    ]);
    expect(at('2026-11-10T18:45:00.000Z')).toEqual([
      '2026-11-10T18:15:00.000Z',
      '2026-11-10T18:30:00.000Z',
      '2026-11-10T18:45:00.000Z',
    ]);
    expect(at('2026-11-10T19:14:00.000Z')).toEqual([
      '2026-11-10T18:15:00.000Z',
      '2026-11-10T18:30:00.000Z',
      '2026-11-10T18:45:00.000Z',
    ]);
  });

  it('works before 1970 too', () => {
    expect(at('1969-12-31T23:50:00.000Z')).toEqual([
      '1969-12-31T23:15:00.000Z',
      '1969-12-31T23:30:00.000Z',
      '1969-12-31T23:45:00.000Z',
    ]);
  });
});
