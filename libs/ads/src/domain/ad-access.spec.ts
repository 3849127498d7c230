import { Principal } from '@app/advertisers';
import { requireAdAccess } from './ad-access';
import { AdError, AdErrorCode } from './ad.error';

const adId = '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88';
const owner = '7c1e9a0b-4d2f-4e8a-9b3c-1a2b3c4d5e6f';
const stranger = '1f2e3d4c-5b6a-4987-8a6b-5c4d3e2f1a0b';
const ad = { advertiserId: owner, name: 'Winter sale' };

function notFound(call: () => unknown): AdError {
  try {
    call();
  } catch (error) {
    return error as AdError;
  }
  throw new Error('expected AD_NOT_FOUND');
}

describe('requireAdAccess', () => {
  it('gives the owner and the operator the ad itself', () => {
    const admin: Principal = { kind: 'admin' };
    const advertiser: Principal = { kind: 'advertiser', advertiserId: owner };
    expect(requireAdAccess(advertiser, adId, ad)).toBe(ad);
    expect(requireAdAccess(admin, adId, ad)).toBe(ad);
  });

  it("answers someone else's ad exactly as an ad that does not exist", () => {
    const other: Principal = { kind: 'advertiser', advertiserId: stranger };
    const hidden = notFound(() => requireAdAccess(other, adId, ad));
    const missing = notFound(() => requireAdAccess(other, adId, undefined));
    expect(hidden).toBeInstanceOf(AdError);
    expect(hidden.code).toBe(AdErrorCode.NotFound);
    expect([hidden.code, hidden.message]).toEqual([missing.code, missing.message]);
    expect(hidden.message).toBe(`no ad ${adId}`);
  });
});
