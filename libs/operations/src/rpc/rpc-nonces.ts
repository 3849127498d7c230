import { CREDENTIAL_WINDOW_MS } from './rpc-credential';

/** More genuine commands than this within one window is not an operator: refuse them. */
export const MAX_REMEMBERED_NONCES = 10_000;

/**
 * The nonces of the credentials accepted within the window, so each is accepted once. A nonce
 * is forgotten when its credential's timestamp leaves the window, since the timestamp check
 * refuses it from then on; so memory is bounded by the commands of one window, and beyond
 * MAX_REMEMBERED_NONCES the memory refuses rather than forgets.
 */
export class RpcNonces {
  /** nonce -> the time after which its credential is refused as expired anyway. */
  private readonly seen = new Map<string, number>();

  /** True the first time a nonce is offered (and remembers it); false for a replay. */
  accept(nonce: string, issuedAt: number, now = Date.now()): boolean {
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= MAX_REMEMBERED_NONCES) this.forgetExpired(now);
    if (this.seen.size >= MAX_REMEMBERED_NONCES) return false;
    this.seen.set(nonce, issuedAt + CREDENTIAL_WINDOW_MS);
    return true;
  }

  private forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(nonce);
  }
}
