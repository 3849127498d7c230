import { ApplicationError } from './application-error';

/**
 * A refusal because the caller sent too much, too fast. Carries when to come back, which both
 * transports send as a `Retry-After` header (HTTP 429), so a well-behaved client backs off.
 */
export class RateLimitError extends ApplicationError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    super('rate-limited', message);
    // Whole seconds, at least one: Retry-After has no fractions, and 0 invites a tight loop.
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}
