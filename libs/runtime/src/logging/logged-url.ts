/** Query parameters whose values are credentials, whatever a client was told to send. */
const SECRET_PARAMETER = /key|token|secret|passw|auth|signature|credential|session/i;

/** Our API keys (cs_…, cs_admin_…), in any parameter a client puts one in by mistake. */
const API_KEY_VALUE = /^cs_/i;

/**
 * A path segment that may be a credential sent to the wrong route: one of our API keys, a
 * click token's shape (kid.payload.mac), or any long opaque string. UUIDs (ad ids) stay.
 */
const SECRET_SEGMENT = /^cs_|^[\w-]+\.[\w-]{16,}\.[\w-]+$|^[\w.~%+-]{48,}$/i;

/** A click path, however mangled: //c/…, /C/…, /./c/…. */
const CLICK_PATH = /^\/(?:\.?\/)*c\//i;

/**
 * The URL as an access line may show it: a click path as its route (a token not yet clicked is
 * a click anyone reading the log could make), and credential-looking path segments and query
 * values redacted: a 404 for `/<token>` or `/<api key>` is logged too.
 */
export function loggedUrl(url: string | undefined): string {
  if (!url) return '';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const shownPath = CLICK_PATH.test(path)
    ? '/c/:token'
    : path
        .split('/')
        .map((segment) => (SECRET_SEGMENT.test(segment) ? '[redacted]' : segment))
        .join('/');
  if (queryAt < 0) return shownPath;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  for (const [name, value] of query)
    if (SECRET_PARAMETER.test(name) || API_KEY_VALUE.test(value)) query.set(name, '[redacted]');
  return `${shownPath}?${query.toString()}`;
}
