import { DatabaseError } from 'pg';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  // A name that does not resolve yet: in a container network, a database service not up yet.
  'ENOTFOUND',
]);

/**
 * Whether an error means "the database is not there right now" (refused, reset, timed out,
 * shutting down, starting up), as opposed to a mistake in what we asked of it.
 */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseError)
    // Class 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, starting up.
    return error.code?.startsWith('08') === true || /^57P0[123]$/.test(error.code ?? '');
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return (
    typeof message === 'string' &&
    /timeout|Connection terminated|connection closed|not queryable/i.test(message)
  );
}
