import { AdView } from '@app/contracts';
import { AdState } from '../domain/ad.aggregate';

/** The GraphQL `Ad` the ad mutations answer with, mapped from the aggregate's state. */
export function toAdView(state: AdState): AdView {
  return {
    id: state.adId,
    advertiserId: state.advertiserId,
    name: state.name,
    targetUrl: state.targetUrl,
    paused: state.paused,
  };
}
