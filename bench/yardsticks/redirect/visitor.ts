import { createHmac } from 'node:crypto';
import { DeviceClass } from '@app/contracts';
import { isbot } from 'isbot';

// The tracker's per-click visitor work (libs/clicks/src/visitor/), repeated here because it is
// the tracker's own business and not exported. A yardstick must do the same work as the
// product: when those functions change cost, change these with them.

/** The `isbot` list first, then the same device patterns, in the same order. */
export function deviceClass(userAgent: string): DeviceClass {
  if (isbot(userAgent)) return 'bot';
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(userAgent)) return 'mobile';
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(userAgent)) return 'desktop';
  return 'other';
}

/** The token's userId, else one HMAC of IP and user agent under a daily salt (cached per day). */
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
