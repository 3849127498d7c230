import { mayAccess, Principal } from '@app/advertisers';
import { AdError, AdErrorCode } from './ad.error';

/** All the rule needs to know of an ad: its owner, which the aggregate and its state both carry. */
interface OwnedAd {
  readonly advertiserId: string;
}

/**
 * Who may see or change an ad: the advertiser that owns it, or the operator. Anyone else is told
 * the ad does not exist, in the same words as for an id never registered, so one advertiser
 * cannot probe for another's ads. Every command on an existing ad, the ad query and impression
 * minting ask here.
 *
 * Returns the ad for the caller to go on with; AD_NOT_FOUND when it is missing or not theirs.
 */
export function requireAdAccess<A extends OwnedAd>(
  principal: Principal,
  adId: string,
  ad: A | undefined,
): A {
  if (!ad || !mayAccess(principal, ad.advertiserId))
    throw new AdError(AdErrorCode.NotFound, `no ad ${adId}`);
  return ad;
}
