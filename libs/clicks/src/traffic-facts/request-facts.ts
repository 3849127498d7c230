import { MAX_STORED_PURPOSE, MAX_STORED_USER_AGENT } from '@app/contracts';

/**
 * The facts a click request states about itself, cut to what an event keeps. Each runs on
 * every click: a header read, a slice only when something is too long, no URL parsing.
 */

/** The user agent as stored: at most MAX_STORED_USER_AGENT characters. */
export function storedUserAgent(userAgent: string): string {
  return userAgent.length > MAX_STORED_USER_AGENT
    ? userAgent.slice(0, MAX_STORED_USER_AGENT)
    : userAgent;
}

// scheme "://" [userinfo "@"] host [":" port]: the host is the part kept. IPv6 literals keep
// their brackets.
const REFERRER_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[0-9a-f:.]+\]|[^/?#:]+)/i;

/** The Referer's host name only, lower case; null when absent or not an absolute URL. */
export function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  const match = REFERRER_HOST.exec(referer);
  if (!match) return null;
  const host = match[1].toLowerCase();
  return host.length > 253 ? host.slice(0, 253) : host;
}

/**
 * Headers by which browsers and previewers declare a request is not a person following the
 * link: Sec-Purpose (Chromium's speculation rules: `prefetch`, `prefetch;prerender`), Purpose
 * (older Chromium and Safari: `prefetch`), X-Purpose (Safari's Top Sites: `preview`) and
 * X-Moz (Firefox: `prefetch`). Every one present is kept, in this order, lower case: a request
 * that sends an unrelated Sec-Purpose and `X-Moz: prefetch` still declares a prefetch.
 */
export const PURPOSE_HEADERS = ['sec-purpose', 'purpose', 'x-purpose', 'x-moz'] as const;

export function declaredPurpose(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | null {
  let declared: string | null = null;
  for (const name of PURPOSE_HEADERS) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim().toLowerCase();
    if (value !== '') declared = declared === null ? value : `${declared}, ${value}`;
  }
  return declared !== null && declared.length > MAX_STORED_PURPOSE
    ? declared.slice(0, MAX_STORED_PURPOSE)
    : declared;
}
