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
