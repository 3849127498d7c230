import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AdvertisersRepository } from '../advertisers.repository';
import { hashApiKey } from './api-key';
import { Principal } from './principal';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Turns an Authorization header into a Principal. Advertiser keys are looked up by hash and
 * cached briefly, so an ad server minting impressions in a loop costs no query per request.
 */
@Injectable()
export class Authenticator {
  private readonly adminKeyHash: Buffer;
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(AdvertisersRepository) private readonly advertisers: AdvertisersRepository,
  ) {
    this.adminKeyHash = hashApiKey(config.secrets.adminApiKey);
  }

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!key) return undefined;
    const hash = hashApiKey(key);
    // Compare hashes, not keys: equal length, constant time.
    if (timingSafeEqual(hash, this.adminKeyHash)) return { kind: 'admin' };

    const cacheKey = hash.toString('base64');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.principal;
    const advertiserId = await this.advertisers.findIdByKeyHash(hash);
    const principal: Principal | undefined = advertiserId
      ? { kind: 'advertiser', advertiserId }
      : undefined;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(cacheKey, { principal, until: Date.now() + CACHE_TTL_MS });
    return principal;
  }
}
