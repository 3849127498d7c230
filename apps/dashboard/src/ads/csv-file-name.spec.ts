import { csvFileName } from './csv-file-name';

describe('dashboard CSV file name', () => {
  it('names the file after the ad, the granularity and the start day', () => {
    expect(csvFileName('Winter Sale: 50% off!', 'HOUR', new Date('2026-11-02T10:00:00Z'))).toBe(
      'clicks-winter-sale-50-off-hour-2026-11-02.csv',
    );
    expect(csvFileName('***', 'DAY', new Date('2026-11-02T10:00:00Z'))).toBe(
      'clicks-ad-day-2026-11-02.csv',
    );
  });
});
