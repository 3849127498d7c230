import { AdState } from '../domain/ad.aggregate';
import { toAdDetails } from './ad-details';

describe('toAdDetails', () => {
  it('answers exactly the REST body: these fields, in this order, and nothing else of the state', () => {
    const state = {
      adId: '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88',
      advertiserId: '7c1e9a0b-4d2f-4e8a-9b3c-1a2b3c4d5e6f',
      name: 'Winter sale',
      targetUrl: 'https://shop.example/winter',
      paused: false,
      // Whatever the aggregate comes to hold later stays out of the API.
      internal: 'not for the API',
    } as AdState;
    expect(JSON.stringify(toAdDetails(state))).toBe(
      '{"adId":"0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88",' +
        '"advertiserId":"7c1e9a0b-4d2f-4e8a-9b3c-1a2b3c4d5e6f",' +
        '"name":"Winter sale","targetUrl":"https://shop.example/winter","paused":false}',
    );
  });
});
