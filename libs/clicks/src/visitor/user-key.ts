import { createHmac } from 'node:crypto';

/**
 * The key unique-user counts are made of. The token's userId when the ad server knows one;
 * otherwise a keyed hash of IP and user agent whose salt changes every UTC day, so an
 * anonymous visitor can be counted within a day but not followed across days, and no raw IP
 * is ever stored. The salt derives from a server secret: every tracker instance agrees on it
 * without coordination, and nobody without the secret can recompute it.
 */
export function userKey(input: {
  userId?: string;
  ip: string;
  userAgent: string;
  at: Date;
  secret: Buffer;
}): string {
  if (input.userId) return `u:${input.userId}`;
  const salt = dailySalt(input.secret, input.at.toISOString().slice(0, 10));
  const hash = createHmac('sha256', salt).update(`${input.ip}\n${input.userAgent}`).digest();
  return `a:${hash.subarray(0, 16).toString('base64url')}`;
}

let cachedSalt: { secret: Buffer; day: string; salt: Buffer } | undefined;

/** One HMAC per day and secret, not one per click (this runs on the redirect path). */
function dailySalt(secret: Buffer, day: string): Buffer {
  if (cachedSalt?.day !== day || cachedSalt.secret !== secret) {
    cachedSalt = {
      secret,
      day,
      salt: createHmac('sha256', secret).update(`user-key-salt:${day}`).digest(),
    };
  }
  return cachedSalt.salt;
}
