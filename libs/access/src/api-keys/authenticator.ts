import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Principal } from '../principal/principal';
import { hashApiKey } from './api-key';
import { API_KEY_LOOKUP, ApiKeyLookup } from './api-key-lookup';
import { AuthFailureLimiter } from './auth-failure-limiter';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Turns an Authorization header into a Principal. Advertiser keys are looked up by hash and
 * cached briefly (the lookup itself too, while it runs), so an ad server minting impressions in
 * a loop costs no query per request. Wrong keys are counted per client address; an address
 * that sent too many is refused before any lookup, even with a valid key, for the rest of the
 * minute (telling it which of its keys is valid is exactly what it must not learn cheaply).
 */
@Injectable()
export class Authenticator {
  private readonly adminKeyHash: Buffer;
  private readonly cache = new Map<
    string,
    { principal: Promise<Principal | undefined>; until: number }
  >();

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(API_KEY_LOOKUP) private readonly advertisers: ApiKeyLookup,
    @Inject(AuthFailureLimiter) private readonly failures: AuthFailureLimiter,
  ) {
    this.adminKeyHash = hashApiKey(config.secrets.adminApiKey);
  }

  /**
   * `undefined` for no key or a wrong one; throws RateLimitError for an address that sent too
   * many wrong ones. A request without a key is not a failed attempt: it guesses nothing and
   * costs no lookup.
   */
  async authenticate(
    authorization: string | undefined,
    clientAddress: string,
  ): Promise<Principal | undefined> {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!authorization) return undefined;
    await this.failures.assertNotBlocked(clientAddress);
    if (!key) {
      await this.failures.charge(clientAddress);
      return undefined;
    }
    const hash = hashApiKey(key);
    // Compare hashes, not keys: equal length, constant time.
    if (timingSafeEqual(hash, this.adminKeyHash)) return { kind: 'admin' };

    const cacheKey = hash.toString('base64');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) {
      const principal = await cached.principal;
      if (!principal) await this.failures.charge(clientAddress);
      return principal;
    }
    // Reserve the failure before the query, forgive it if the key is good.
    await this.failures.charge(clientAddress);
    const lookup = this.advertisers
      .findIdByKeyHash(hash)
      .then((advertiserId): Principal | undefined =>
        advertiserId ? { kind: 'advertiser', advertiserId } : undefined,
      );
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(cacheKey, { principal: lookup, until: Date.now() + CACHE_TTL_MS });
    // A failed query must not be remembered as an answer.
    void lookup.catch(() => this.cache.delete(cacheKey));
    const principal = await lookup;
    if (principal) await this.failures.forgive(clientAddress);
    return principal;
  }
}
