import { SigningKey } from './click-token';

/**
 * Parses CLICK_SIGNING_KEYS: "kid:secret,kid:secret". The first key signs; every key verifies,
 * so a new key is rolled out by putting it first and the old one is dropped after the TTL.
 */
export function parseSigningKeys(raw: string): { keys: SigningKey[]; problems: string[] } {
  const keys: SigningKey[] = [];
  const problems: string[] = [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const [n, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    const secret = colon > 0 ? entry.slice(colon + 1) : '';
    // Never echo the entry itself: without a colon it may be all secret.
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(kid))
      problems.push(`entry ${n + 1} must be kid:secret, kid being 1-16 of A-Z a-z 0-9 _ -`);
    else if (secret.length < 32)
      problems.push(`key "${kid}" needs a secret of at least 32 characters`);
    else if (keys.some((k) => k.kid === kid)) problems.push(`key id "${kid}" appears twice`);
    else keys.push({ kid, secret: Buffer.from(secret, 'utf8') });
  }
  if (keys.length === 0 && problems.length === 0)
    problems.push('must hold at least one kid:secret pair');
  return { keys, problems };
}
