import { DatabaseError } from 'pg';

/**
 * Whether PostgreSQL refused the data itself, so the same statement can never succeed:
 * class 22 (data exception: bad encoding, NUL in text, invalid uuid or json), class 23 but
 * unique violations (a null where a value must be, a failed check), class 54 (program limit
 * exceeded: a value too large). Unique violations are outcomes ("already recorded"), and
 * everything else (connection, lock, shutdown) may pass on a retry.
 */
export function isDataError(error: unknown): boolean {
  if (!(error instanceof DatabaseError) || !error.code) return false;
  const { code } = error;
  return (
    code.startsWith('22') || code.startsWith('54') || (code.startsWith('23') && code !== '23505')
  );
}
