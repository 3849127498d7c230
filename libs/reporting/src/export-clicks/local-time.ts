/**
 * An instant as ISO 8601 local time with its offset in `zone` (2026-12-01T05:30:00+05:30, or +00:00 in UTC): what
 * a spreadsheet shows as the bucket's start, and still one exact instant. Intl knows the zone
 * rules (the same IANA data PostgreSQL bucketed by); formatters are cached per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, format);
  }
  return format;
}

export function localIso(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  // "GMT+05:30", or "GMT" alone for a zero offset: always written as ±hh:mm, so every row of
  // every zone has the same shape.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
