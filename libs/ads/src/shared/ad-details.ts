import { AdState } from '../domain/ad.aggregate';

/**
 * An ad as the REST API answers it (`GET /v1/ads/:adId` and every ad command over HTTP). It is
 * its own type, not the aggregate's state, so that state can change without changing the API:
 * the field names and their order are the response body's.
 */
export interface AdDetails {
  readonly adId: string;
  readonly advertiserId: string;
  readonly name: string;
  readonly targetUrl: string;
  readonly paused: boolean;
}

export function toAdDetails(state: AdState): AdDetails {
  return {
    adId: state.adId,
    advertiserId: state.advertiserId,
    name: state.name,
    targetUrl: state.targetUrl,
    paused: state.paused,
  };
}
