import { AdLookupCache } from '../ad-lookup/ad-lookup-cache';
import { requireAdAccess } from '../domain/ad-access';
import { Ad, AdState } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';
import { CommandContext } from './command-context';

/**
 * What changing an existing ad takes, whichever change it is: load it, check the caller may
 * change it, let the aggregate decide, save, and drop this process's cached copy so the next
 * redirect or minting reads the change rather than waiting for the log to bring it.
 */
export async function changeAd(
  ads: AdRepository,
  lookup: AdLookupCache,
  context: CommandContext,
  adId: string,
  decide: (ad: Ad) => void,
): Promise<AdState> {
  const ad = requireAdAccess(context.principal, adId, await ads.load(adId));
  decide(ad);
  await ads.save(ad, { correlationId: context.correlationId, causationId: context.correlationId });
  lookup.invalidate(adId);
  return ad.state;
}
