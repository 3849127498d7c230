import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RateLimitError } from '@app/runtime';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Principal } from '../principal/principal';

/**
 * Requests per API key per second on /graphql and /v1 (never on the click redirect, which
 * carries no key). Keyed by who the key belongs to, so an advertiser's keys share one
 * allowance. In memory, per process.
 */
@Injectable()
export class ApiKeyRateLimiter {
  private readonly limiter: RateLimiterMemory;
  private readonly perSecond: number;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.perSecond = config.get('API_KEY_REQUESTS_PER_SECOND');
    this.limiter = new RateLimiterMemory({ points: this.perSecond, duration: 1 });
  }

  async consume(principal: Principal): Promise<void> {
    const key = principal.kind === 'admin' ? 'admin' : `advertiser:${principal.advertiserId}`;
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new RateLimitError(
        `too many requests with this API key (the limit is ${this.perSecond} a second); ` +
          'slow down, or batch impressions (up to 1000 a request)',
        rejection.msBeforeNext,
      );
    }
  }
}
