import { Level, Logger } from 'pino';
import { loggedUrl } from './logged-url';

/** Probes and scrapes come every few seconds: their access lines are debug, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** What the access line keeps of a request: no headers (keys, cookies) and no client address. */
export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
}

/**
 * Writes the access line of a request that has ended, through the request's logger (which
 * carries its correlation id). `answered` is false when the client left before the answer was
 * written whole. Nothing is built when the line's level is off.
 */
export function writeAccessLine(
  log: Logger,
  method: string,
  url: string,
  statusCode: number,
  answered: boolean,
  responseTimeMs: number,
): void {
  const queryAt = url.indexOf('?');
  const level = accessLevel(queryAt < 0 ? url : url.slice(0, queryAt), statusCode, answered);
  if (!log.isLevelEnabled(level)) return;
  const req: LoggedRequest = { method, url: loggedUrl(url) };
  const path = req.url.split('?')[0];
  log[level](
    { req, res: { statusCode }, responseTimeMs },
    answered
      ? `${method} ${path} ${statusCode}`
      : `${method} ${path} aborted: the client left before the answer`,
  );
}

function accessLevel(path: string, statusCode: number, answered: boolean): Level {
  // Probes come every few seconds, and a 503 from /readyz during an outage is its answer,
  // not news: the outage has its own lines and metrics.
  if (PROBES.has(path)) return 'debug';
  if (!answered) return 'warn';
  return statusCode >= 500 ? 'error' : 'info';
}
