import { AdError, AdErrorCode } from './ad.error';
import { nonPublicHost } from './target-host';

export const MAX_TARGET_URL_LENGTH = 2048;

/** What the deployment allows as a target, decided outside the domain (from configuration). */
export interface TargetUrlRules {
  /** Loopback, private, link-local and local host names: for development, never production. */
  readonly allowPrivateHosts: boolean;
}

/**
 * A landing page: an absolute http(s) URL of at most 2048 characters as stored (normalised and
 * percent-encoded: 600 "é" become 3,600 characters), on a public host unless the rules say.
 */
export function validateTargetUrl(raw: unknown, rules: TargetUrlRules): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new AdError(AdErrorCode.InvalidTargetUrl, 'targetUrl is required');
  }
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdError(
      AdErrorCode.InvalidTargetUrl,
      'targetUrl must be an absolute URL such as https://example.com/landing',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AdError(
      AdErrorCode.InvalidTargetUrl,
      `targetUrl must use http or https, not ${url.protocol.replace(':', '')}`,
    );
  }
  if (url.username || url.password) {
    throw new AdError(AdErrorCode.InvalidTargetUrl, 'targetUrl must not carry credentials');
  }
  const nonPublic = rules.allowPrivateHosts ? undefined : nonPublicHost(url.hostname);
  if (nonPublic) {
    throw new AdError(
      AdErrorCode.InvalidTargetUrl,
      `targetUrl must point to a public host: ${nonPublic}`,
    );
  }
  const stored = url.toString();
  if (stored.length > MAX_TARGET_URL_LENGTH) {
    throw new AdError(
      AdErrorCode.InvalidTargetUrl,
      `targetUrl must be at most ${MAX_TARGET_URL_LENGTH} characters once normalised and percent-encoded (it is ${stored.length})`,
    );
  }
  return stored;
}
