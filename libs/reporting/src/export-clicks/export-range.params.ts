import { DATE_TIME_EXPECTED, parseDateTime } from '@app/runtime';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

/**
 * The range every export asks about. Dates by the GraphQL DateTime's rule, not `new Date()`'s:
 * that one takes "1", "Dec 1", Feb 30, and local times read in the server's own zone.
 */
export class ExportRangeParams {
  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `from must be ${DATE_TIME_EXPECTED}` })
  from!: Date;

  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `to must be ${DATE_TIME_EXPECTED}` })
  to!: Date;
}

/** A query-string enum value in any case: ?granularity=hour is as likely as HOUR. */
export const upperCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;
