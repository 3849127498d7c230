import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RateLimitError } from '@app/runtime';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Wrong API keys per client address per minute. In memory, per process: behind N API
 * processes an address gets N times the allowance, which still makes guessing hopeless (keys
 * are 256 random bits); what it is for is keeping a flood of made-up keys off the database.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly logger = new Logger(AuthFailureLimiter.name);
  private readonly limiter: RateLimiterMemory;
  private readonly allowed: number;
  /** Addresses already reported blocked, with when their window ends: one line per window. */
  private readonly reported = new Map<string, number>();

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.allowed = config.get('AUTH_FAILURES_PER_MINUTE');
    this.limiter = new RateLimiterMemory({ points: this.allowed, duration: 60 });
  }

  /** Refuses an address that has used up its failures: before anything else, valid key or not. */
  async assertNotBlocked(address: string): Promise<void> {
    const state = await this.limiter.get(address);
    if (state && state.consumedPoints >= this.allowed) {
      this.report(address, state.msBeforeNext);
      throw this.refusal(state.msBeforeNext);
    }
  }

  /**
   * A guessing or misconfigured client is an operator's business: said once per address and
   * window, by the request that is first refused (so the line carries its correlation id). The
   * address is logged here and nowhere else: it is what a firewall rule needs.
   */
  private report(address: string, msBeforeNext: number): void {
    const now = Date.now();
    if ((this.reported.get(address) ?? 0) > now) return;
    if (this.reported.size >= 10_000) this.reported.clear();
    this.reported.set(address, now + msBeforeNext);
    this.logger.warn(
      { clientAddress: address },
      `an address sent ${this.allowed} wrong API keys within a minute: its keyed requests get 429 for ${Math.ceil(msBeforeNext / 1000)} s`,
    );
  }

  /**
   * Counts one failure, or reserves one before a lookup that may fail (give it back with
   * `forgive`): reserving first means a burst of concurrent lookups from one address stops at
   * the allowance instead of all reaching the database before the first one fails.
   */
  async charge(address: string): Promise<void> {
    try {
      await this.limiter.consume(address);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.refusal(rejection.msBeforeNext);
      throw rejection;
    }
  }

  async forgive(address: string): Promise<void> {
    await this.limiter.reward(address, 1);
  }

  private refusal(msBeforeNext: number): RateLimitError {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new RateLimitError(
      `too many failed authentications from your address; try again in ${seconds} s`,
      msBeforeNext,
    );
  }
}
