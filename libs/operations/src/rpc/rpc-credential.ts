import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What the API shows the projector with every command. The TCP transport of
 * @nestjs/microservices has no authentication of its own, and a rebuild is an expensive thing
 * for a stranger to start. Both sides already share the admin key, so the credential derives
 * from it: nothing new to deploy, and the key itself never crosses the wire.
 *
 * A fixed credential could be captured once and replayed for ever, so it is an HMAC over the
 * command itself, the time it was issued and a random nonce: the projector accepts it only
 * within CREDENTIAL_WINDOW_MS of that time and only once (RpcNonces).
 */
export interface RpcCredential {
  /** Unix milliseconds. */
  readonly issuedAt: number;
  /** 16 random bytes, base64url. */
  readonly nonce: string;
  /** base64url HMAC-SHA256(admin key, the command, issuedAt and nonce). */
  readonly mac: string;
}

/** How far issuedAt may be from the projector's clock, either way (clock skew included). */
export const CREDENTIAL_WINDOW_MS = 30_000;

const NONCE = /^[A-Za-z0-9_-]{22}$/;

/** The bytes the MAC covers: a JSON array, so no field can run into the next. */
function signed(pattern: string, body: unknown, issuedAt: number, nonce: string): string {
  return JSON.stringify(['clickstream projector rpc v2', pattern, issuedAt, nonce, body]);
}

function mac(adminApiKey: string, text: string): string {
  return createHmac('sha256', adminApiKey).update(text).digest('base64url');
}

/** A fresh credential for one command (`body`: what the projector acts on). */
export function signRpcCommand(
  adminApiKey: string,
  pattern: string,
  body: unknown,
  issuedAt = Date.now(),
  nonce = randomBytes(16).toString('base64url'),
): RpcCredential {
  return { issuedAt, nonce, mac: mac(adminApiKey, signed(pattern, body, issuedAt, nonce)) };
}

/**
 * Whether `given` is a credential for exactly this command, made with the admin key, issued
 * within the window around `now`. Replays are the caller's to refuse (RpcNonces), after this
 * says yes: only a genuine credential may take a place in that memory.
 */
export function verifyRpcCommand(
  adminApiKey: string,
  pattern: string,
  body: unknown,
  given: unknown,
  now = Date.now(),
): given is RpcCredential {
  const c = given as Partial<RpcCredential> | null;
  if (typeof c !== 'object' || c === null) return false;
  if (typeof c.issuedAt !== 'number' || !Number.isSafeInteger(c.issuedAt)) return false;
  if (typeof c.nonce !== 'string' || !NONCE.test(c.nonce) || typeof c.mac !== 'string')
    return false;
  if (Math.abs(now - c.issuedAt) > CREDENTIAL_WINDOW_MS) return false;
  const expected = Buffer.from(mac(adminApiKey, signed(pattern, body, c.issuedAt, c.nonce)));
  const actual = Buffer.from(c.mac);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
