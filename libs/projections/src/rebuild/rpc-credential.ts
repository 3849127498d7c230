import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What the API shows the projector with every command. The TCP transport of
 * @nestjs/microservices has no authentication of its own, and a rebuild is an expensive thing
 * for a stranger to start. Both sides already share the admin key, so the credential derives
 * from it: nothing new to deploy, and the key itself never crosses the wire.
 */
export function rpcCredential(adminApiKey: string): string {
  return createHmac('sha256', adminApiKey)
    .update('clickstream projector rpc v1')
    .digest('base64url');
}

/** Constant-time comparison; anything that is not a string of the right length is refused. */
export function credentialMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
