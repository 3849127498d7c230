import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

/** An RFC 3339 date-time with an explicit offset, e.g. 2026-11-02T10:00:00Z. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

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

function parse(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const date = match ? new Date(value as string) : undefined;
  // Years 1 to 9999 only: JS Date reaches year -271821 and PostgreSQL 4713 BC, and an instant
  // past either edge failed deep inside a resolver (an internal error) instead of here.
  if (
    !match ||
    !date ||
    Number.isNaN(date.getTime()) ||
    Number(match[1]) < 1 ||
    !onTheCalendar(match)
  )
    throw new GraphQLError(
      `DateTime must be an ISO 8601 date-time with an offset between years 0001 and 9999, such ` +
        `as 2026-11-02T10:00:00Z; got ${JSON.stringify(value)?.slice(0, 64)}`,
    );
  return date;
}

/**
 * Replaces @nestjs/graphql's DateTime (which takes whatever `new Date()` makes of a value,
 * Invalid Date included) with one that refuses anything that is not a plain date-time while
 * variables and literals are coerced: a 400 before any resolver runs. Same name and meaning,
 * so the schema is unchanged for clients.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: parse,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError(`DateTime must be a string such as 2026-11-02T10:00:00Z`);
    return parse(ast.value);
  },
  serialize: (value) => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    throw new GraphQLError('DateTime cannot represent an invalid date');
  },
});
