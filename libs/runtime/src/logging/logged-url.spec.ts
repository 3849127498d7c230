import { loggedUrl } from './logged-url';

describe('loggedUrl', () => {
  const token = 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.sig';

  it('shows a click path as its route, however the client spelled it', () => {
    for (const path of [
      `/c/${token}`,
      `/c/${token}/`,
      `/c/${token}/x`,
      `//c/${token}`,
      `/C/${token}`,
      `/./c/${token}`,
      `/c//${token}`,
    ])
      expect(loggedUrl(path)).toBe('/c/:token');
    expect(loggedUrl(`/c/${token}?utm=1`)).toBe('/c/:token?utm=1');
  });

  it('redacts credential-looking query values and our keys in any parameter', () => {
    expect(loggedUrl('/v1/ads/1?api_key=cs_x&access_token=abc&from=2026')).toBe(
      '/v1/ads/1?api_key=%5Bredacted%5D&access_token=%5Bredacted%5D&from=2026',
    );
    expect(loggedUrl('/v1/ads/1?q=cs_admin_abc')).toBe('/v1/ads/1?q=%5Bredacted%5D');
  });

  it('leaves other URLs as they are', () => {
    expect(loggedUrl('/graphql')).toBe('/graphql');
    expect(loggedUrl('/v1/ads/1/clicks.csv?from=2026-11-01T00:00:00Z')).toBe(
      '/v1/ads/1/clicks.csv?from=2026-11-01T00%3A00%3A00Z',
    );
    expect(loggedUrl(undefined)).toBe('');
  });
});
