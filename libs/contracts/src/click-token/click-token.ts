import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../uuid-text';

/**
 * The signed click token: what an ad server puts in a click URL (`/c/<token>`).
 * Format, documented for ad servers in docs/click-token.md:
 *
 *   token   = kid "." payload "." mac
 *   payload = base64url(UTF-8 of "2|impressionId|adId|expiresAt|userId|country|placement|issuedAt")
 *   mac     = base64url(first 16 bytes of HMAC-SHA256(secret, kid "." payload))
 *
 * impressionId is 16 random bytes in base64url (22 chars); adId is the ad's UUID packed into
 * base64url (22 chars); expiresAt is Unix seconds; issuedAt Unix milliseconds. The MAC covers
 * every field and the key id. Version 1 payloads (the same without issuedAt) are still
 * verified: links handed out before version 2 keep working; their clicks only lack the time
 * since the impression was minted.
 */
export interface ClickClaims {
  readonly impressionId: string;
  readonly adId: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  /**
   * Unix milliseconds when the impression was minted, for the time-to-click rule. Absent in
   * version 1 tokens; a token signed without it is written as version 1.
   */
  readonly issuedAt?: number;
  readonly userId?: string;
  readonly country?: string;
  readonly placement?: string;
}

export interface SigningKey {
  readonly kid: string;
  readonly secret: Buffer;
}

export type VerifyResult =
  | { readonly ok: true; readonly claims: ClickClaims; readonly expired: boolean }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown-key' | 'bad-signature' };

const MAC_BYTES = 16;
const KID = /^[A-Za-z0-9_-]{1,16}$/;
/**
 * userId and placement: at most 64 characters, counted as Unicode code points (the `u` flag),
 * which is how the minting API's validation counts them too. Without the flag the regex
 * counted UTF-16 code units, so 33 emoji passed the API and failed here: an HTTP 500.
 * 64 code points are at most 256 bytes of UTF-8; a token with both fields full stays well
 * under the 1024-character payload limit. Lone surrogates are refused: UTF-8 cannot carry them;
 * so are control characters (NUL cannot be stored in PostgreSQL text or jsonb at all).
 */
export const CLAIM_FIELD = /^[^|\p{Cs}\p{Cc}]{0,64}$/u;
const COUNTRY = /^[A-Z]{2}$/;
const IMPRESSION_ID = /^[A-Za-z0-9_-]{22}$/;
const MAC_TEXT = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** What CLAIM_FIELD asks, in words, for refusals. */
export const CLAIM_FIELD_RULE =
  'must be at most 64 characters (Unicode code points; an emoji counts as one), without "|" or control characters';

export function newImpressionId(): string {
  return randomBytes(16).toString('base64url');
}

/** Checks the optional fields an ad server may put in a token; returns the problems found. */
export function claimProblems(claims: Partial<ClickClaims>): string[] {
  const problems: string[] = [];
  if (claims.userId !== undefined && !CLAIM_FIELD.test(claims.userId))
    problems.push(`userId ${CLAIM_FIELD_RULE}`);
  if (claims.placement !== undefined && !CLAIM_FIELD.test(claims.placement))
    problems.push(`placement ${CLAIM_FIELD_RULE}`);
  if (claims.country !== undefined && !COUNTRY.test(claims.country))
    problems.push('country must be an ISO 3166-1 alpha-2 code such as "US"');
  return problems;
}

export function signClickToken(claims: ClickClaims, key: SigningKey): string {
  if (!KID.test(key.kid)) throw new Error(`key id "${key.kid}" must be 1-16 of A-Z a-z 0-9 _ -`);
  if (!IMPRESSION_ID.test(claims.impressionId))
    throw new Error('impressionId must be 16 bytes in base64url');
  const problems = claimProblems(claims);
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (
    claims.issuedAt !== undefined &&
    !(Number.isSafeInteger(claims.issuedAt) && claims.issuedAt >= 0)
  )
    throw new Error('issuedAt must be Unix milliseconds');
  const fields = [
    claims.issuedAt === undefined ? '1' : '2',
    claims.impressionId,
    packUuid(claims.adId),
    String(claims.expiresAt),
    claims.userId ?? '',
    claims.country ?? '',
    claims.placement ?? '',
  ];
  if (claims.issuedAt !== undefined) fields.push(String(claims.issuedAt));
  const payload = Buffer.from(fields.join('|'), 'utf8').toString('base64url');
  const signed = `${key.kid}.${payload}`;
  return `${signed}.${macBytes(key.secret, signed).toString('base64url')}`;
}

/**
 * Verifies the MAC with the key the token names (any configured key verifies, so keys can be
 * rotated), then parses. Expiry is reported, not rejected: an expired link still redirects.
 */
export function verifyClickToken(
  token: string,
  keys: ReadonlyMap<string, Buffer>,
  nowSeconds: number,
): VerifyResult {
  // Every click runs this first, the HEAD path's largest share after the socket itself
  // (issue 16), so it cuts the token with indexOf and slices rather than split's array, and
  // the MAC covers `kid.payload`, which is the token up to its last dot: no concatenation.
  const firstDot = token.indexOf('.');
  const lastDot = token.lastIndexOf('.');
  if (firstDot < 0 || lastDot === firstDot || token.indexOf('.', firstDot + 1) !== lastDot)
    return { ok: false, reason: 'malformed' };
  const kid = token.slice(0, firstDot);
  const payload = token.slice(firstDot + 1, lastDot);
  if (!KID.test(kid) || payload.length === 0 || payload.length > 1024)
    return { ok: false, reason: 'malformed' };
  const secret = keys.get(kid);
  if (!secret) return { ok: false, reason: 'unknown-key' };
  if (!sameMac(token.slice(lastDot + 1), macBytes(secret, token.slice(0, lastDot))))
    return { ok: false, reason: 'bad-signature' };

  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('|');
  // Version 1: seven fields; version 2 adds the issue time.
  const version = fields[0];
  if (!((version === '1' && fields.length === 7) || (version === '2' && fields.length === 8)))
    return { ok: false, reason: 'malformed' };
  const [, impressionId, packedAdId, expiresAt, userId, country, placement, issuedAt] = fields;
  const adId = unpackUuid(packedAdId);
  if (!IMPRESSION_ID.test(impressionId) || !adId || !/^\d{1,12}$/.test(expiresAt))
    return { ok: false, reason: 'malformed' };
  if (issuedAt !== undefined && !/^\d{1,15}$/.test(issuedAt))
    return { ok: false, reason: 'malformed' };
  const claims: Mutable<ClickClaims> = { impressionId, adId, expiresAt: Number(expiresAt) };
  if (issuedAt !== undefined) claims.issuedAt = Number(issuedAt);
  if (userId) claims.userId = userId;
  if (country) claims.country = country;
  if (placement) claims.placement = placement;
  return { ok: true, claims, expired: claims.expiresAt <= nowSeconds };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The MAC as sent: 16 bytes are 22 base64url characters, the last of which carries 4 bits
 * the bytes do not use. Decoding ignores those bits, so they must be zero (the last character
 * one of A, Q, g, w), or 16 spellings of one MAC would all verify. The format check reveals
 * nothing of the expected MAC; the bytes are compared in constant time.
 */
function sameMac(signature: string, expected: Buffer): boolean {
  return MAC_TEXT.test(signature) && timingSafeEqual(Buffer.from(signature, 'base64url'), expected);
}

/** The first MAC_BYTES of HMAC-SHA256 over `kid "." payload`. */
function macBytes(secret: Buffer, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest().subarray(0, MAC_BYTES);
}

function packUuid(uuid: string): string {
  if (!isUuid(uuid)) throw new Error(`adId must be a UUID, got "${uuid}"`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

function unpackUuid(packed: string): string | undefined {
  if (!IMPRESSION_ID.test(packed)) return undefined;
  const hex = Buffer.from(packed, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
