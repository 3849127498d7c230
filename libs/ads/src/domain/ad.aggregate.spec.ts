import { Ad } from './ad.aggregate';
import { AdError } from './ad.error';

const id = '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88';
const advertiser = '7c1e9a0b-4d2f-4e8a-9b3c-1a2b3c4d5e6f';
const production = { allowPrivateHosts: false };

describe('Ad', () => {
  it('registers, changes target, pauses and resumes, emitting one event per change', () => {
    const ad = Ad.register(
      id,
      advertiser,
      ' Winter sale ',
      'https://shop.example/winter',
      production,
    );
    ad.changeTarget('https://shop.example/winter?x=1', production);
    ad.pause();
    ad.pause();
    ad.resume();
    expect(ad.uncommitted.map((e) => e.type)).toEqual([
      'AdRegistered',
      'AdTargetChanged',
      'AdPaused',
      'AdResumed',
    ]);
    expect(ad.state).toEqual({
      adId: id,
      advertiserId: advertiser,
      name: 'Winter sale',
      targetUrl: 'https://shop.example/winter?x=1',
      paused: false,
    });
  });

  it('replays history into the same state', () => {
    const original = Ad.register(id, advertiser, 'A', 'https://a.example/', production);
    original.pause();
    const replayed = Ad.fromHistory(original.uncommitted, 1n);
    expect(replayed.state).toEqual(original.state);
    expect(replayed.expectedRevision).toBe(1n);
  });

  it.each([
    ['javascript:alert(1)', /http or https/],
    ['/relative/path', /absolute URL/],
    ['ftp://files.example/x', /http or https/],
    [`https://a.example/${'x'.repeat(2048)}`, /at most 2048/],
    ['https://user:pw@a.example/', /credentials/],
    [`https://a.example/${'é'.repeat(600)}`, /at most 2048 characters once normalised/],
    ['http://169.254.169.254/latest/meta-data/', /public host: 169.254.169.254 is a link-local/],
  ])('rejects bad target url #%# with a clear message', (url, message) => {
    expect(() => Ad.register(id, advertiser, 'A', url, production)).toThrow(AdError);
    expect(() => Ad.register(id, advertiser, 'A', url, production)).toThrow(message);
  });
});
