import { Inject, Injectable } from '@nestjs/common';
import { AdLookupCache, requireAdAccess } from '@app/ads';
import { Principal } from '@app/access';
import { AppConfig } from '@app/config';
import { newImpressionId, signClickToken } from '@app/contracts';
import { ClickSigningKeys } from '../click-signing-keys';

export interface ImpressionInput {
  readonly adId: string;
  readonly userId?: string;
  readonly country?: string;
  readonly placement?: string;
}

export interface MintedImpression {
  readonly impressionId: string;
  readonly adId: string;
  readonly clickUrl: string;
  readonly expiresAt: string;
}

/** Signs click links for impressions of ads the caller owns (the admin may sign for any ad). */
@Injectable()
export class ImpressionMinter {
  private readonly ttlSeconds: number;
  private readonly baseUrl: string;

  constructor(
    @Inject(AdLookupCache) private readonly adLookup: AdLookupCache,
    @Inject(ClickSigningKeys) private readonly keys: ClickSigningKeys,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.ttlSeconds = Math.floor(config.get('IMPRESSION_TTL') / 1000);
    this.baseUrl = config.publicBaseUrl;
  }

  async mint(
    principal: Principal,
    inputs: readonly ImpressionInput[],
  ): Promise<MintedImpression[]> {
    for (const adId of new Set(inputs.map((i) => i.adId))) {
      requireAdAccess(principal, adId, await this.adLookup.get(adId));
    }
    const issuedAt = Date.now();
    const expiresAt = Math.floor(issuedAt / 1000) + this.ttlSeconds;
    return inputs.map((input) => {
      const impressionId = newImpressionId();
      // The issue time makes it a version 2 token: the click then knows how long after the
      // mint it came (the too-fast rule).
      const token = signClickToken(
        { ...input, impressionId, expiresAt, issuedAt },
        this.keys.signing,
      );
      return {
        impressionId,
        adId: input.adId,
        clickUrl: `${this.baseUrl}/c/${token}`,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
    });
  }
}
