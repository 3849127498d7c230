import { Inject, Injectable } from '@nestjs/common';
import { AdLookupCache, requireAdAccess } from '@app/ads';
import { Principal } from '@app/advertisers';
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
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    return inputs.map((input) => {
      const impressionId = newImpressionId();
      const token = signClickToken({ ...input, impressionId, expiresAt }, this.keys.signing);
      return {
        impressionId,
        adId: input.adId,
        clickUrl: `${this.baseUrl}/c/${token}`,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
    });
  }
}
