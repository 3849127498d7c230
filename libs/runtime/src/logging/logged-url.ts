/** Query parameters whose values are credentials, whatever a client was told to send. */
const SECRET_PARAMETER = /key|token|secret|passw|auth|signature|credential|session/i;

/** Our API keys (cs_…, cs_admin_…), in any parameter a client puts one in by mistake. */
const API_KEY_VALUE = /^cs_/i;

/** A click path, however mangled: //c/…, /C/…, /./c/…. */
const CLICK_PATH = /^\/(?:\.?\/)*c\//i;

/**
 * The URL as an access line may show it: a click path as its route (a token not yet clicked is
 * a click anyone reading the log could make), and credential-looking query values redacted.
 */
export function loggedUrl(url: string | undefined): string {
  if (!url) return '';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const shownPath = CLICK_PATH.test(path) ? '/c/:token' : path;
  if (queryAt < 0) return shownPath;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  for (const [name, value] of query)
    if (SECRET_PARAMETER.test(name) || API_KEY_VALUE.test(value)) query.set(name, '[redacted]');
  return `${shownPath}?${query.toString()}`;
}
