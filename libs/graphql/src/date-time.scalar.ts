import { DATE_TIME_EXPECTED, parseDateTime } from '@app/runtime';
import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

function parse(value: unknown): Date {
  const date = parseDateTime(value);
  if (!date)
    throw new GraphQLError(
      `DateTime must be ${DATE_TIME_EXPECTED}; got ${JSON.stringify(value)?.slice(0, 64)}`,
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
