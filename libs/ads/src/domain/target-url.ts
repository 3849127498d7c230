import { AdError, AdErrorCode } from './ad.error';

export const MAX_TARGET_URL_LENGTH = 2048;

/** A landing page: an absolute http(s) URL of at most 2048 characters, nothing else. */
export function validateTargetUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new AdError(AdErrorCode.InvalidTargetUrl, 'targetUrl is required');
  }
  const value = raw.trim();
  if (value.length > MAX_TARGET_URL_LENGTH) {
    throw new AdError(
      AdErrorCode.InvalidTargetUrl,
      `targetUrl must be at most ${MAX_TARGET_URL_LENGTH} characters`,
    );
  }
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
  return url.toString();
}
