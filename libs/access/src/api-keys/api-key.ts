import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits behind a readable prefix; shown once, stored only as a hash. */
export function generateApiKey(): string {
  return `cs_${randomBytes(32).toString('base64url')}`;
}

/** A fast hash is right here: the keys are random, so there is nothing to brute-force. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
