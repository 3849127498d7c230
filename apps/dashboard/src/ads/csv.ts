import type { Point } from '../api/operations';

/**
 * The series as CSV: a header row, then one row per bucket with its start as an ISO 8601
 * UTC timestamp (spreadsheets and scripts parse it without knowing the chart's time zone).
 */
export function seriesCsv(points: readonly Point[]): string {
  const rows = points.map((p) =>
    [new Date(p.start).toISOString(), p.clicks, p.botClicks, p.uniqueUsers].join(','),
  );
  return ['start,clicks,bot_clicks,unique_users', ...rows].join('\r\n') + '\r\n';
}

/** A file name that says what the file holds, safe on every file system. */
export function csvFileName(adName: string, granularity: string, from: Date): string {
  const slug =
    adName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'ad';
  return `clicks-${slug}-${granularity.toLowerCase()}-${from.toISOString().slice(0, 10)}.csv`;
}
