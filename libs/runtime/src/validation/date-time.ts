/** An RFC 3339 date-time with an explicit offset, e.g. 2026-11-02T10:00:00Z. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** What a refused date-time is told, wherever one is taken (GraphQL, query strings). */
export const DATE_TIME_EXPECTED =
  'an ISO 8601 date-time with an offset between years 0001 and 9999, such as 2026-11-02T10:00:00Z';

/** Every field within its calendar range: `new Date()` silently rolls Feb 30 into March. */
function onTheCalendar(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match.slice(1);
  const leap = (Number(year) % 4 === 0 && Number(year) % 100 !== 0) || Number(year) % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(month) - 1];
  return (
    days !== undefined &&
    Number(day) >= 1 &&
    Number(day) <= days &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59
  );
}

/**
 * A plain date-time, or undefined. Years 1 to 9999 only: JS Date reaches year -271821 and
 * PostgreSQL 4713 BC, and an instant past either edge failed deep inside a query (an internal
 * error) instead of at the door; and no offset, no date: a local time would be read in the
 * server's own zone.
 */
export function parseDateTime(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match || Number(match[1]) < 1 || !onTheCalendar(match)) return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
