import { DatabaseError } from 'pg';

/**
 * Whether PostgreSQL refused the data itself, so the same statement can never succeed:
 * class 22 (data exception: bad encoding, NUL in text, invalid uuid or json), class 54
 * (program limit exceeded: a value too large). Everything else (connection, lock, shutdown)
 * may pass on a retry.
 */
export function isDataError(error: unknown): boolean {
  return (
    error instanceof DatabaseError &&
    (error.code?.startsWith('22') === true || error.code?.startsWith('54') === true)
  );
}
