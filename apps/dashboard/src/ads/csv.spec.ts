import { csvFileName, seriesCsv } from './csv';

describe('dashboard CSV export', () => {
  it('writes a header and one ISO-stamped row per bucket', () => {
    const csv = seriesCsv([
      { start: '2026-11-01T00:00:00.000Z', clicks: 3, botClicks: 1, uniqueUsers: 2 },
      { start: '2026-11-01T01:00:00+00:00', clicks: 0, botClicks: 0, uniqueUsers: 0 },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'start,clicks,bot_clicks,unique_users',
      '2026-11-01T00:00:00.000Z,3,1,2',
      '2026-11-01T01:00:00.000Z,0,0,0',
      '',
    ]);
  });

  it('names the file after the ad, the granularity and the start day', () => {
    expect(csvFileName('Winter Sale: 50% off!', 'HOUR', new Date('2026-11-02T10:00:00Z'))).toBe(
      'clicks-winter-sale-50-off-hour-2026-11-02.csv',
    );
    expect(csvFileName('***', 'DAY', new Date('2026-11-02T10:00:00Z'))).toBe(
      'clicks-ad-day-2026-11-02.csv',
    );
  });
});
