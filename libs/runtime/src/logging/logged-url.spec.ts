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

  it('redacts credential-looking path segments sent to any route', () => {
    expect(loggedUrl(`/x/${token}`)).toBe('/x/[redacted]');
    expect(loggedUrl('/cs_admin_9spbT1DtUbri5l0GKoWcLQvdeQiQDeQP')).toBe('/[redacted]');
    expect(loggedUrl(`/v1/ads/${'A'.repeat(60)}/clicks.csv?from=1`)).toBe(
      '/v1/ads/[redacted]/clicks.csv?from=1',
    );
    // Ad ids are what an operator looks for in a line: they stay.
    const adId = 'bcb61f40-5ff8-491e-9df0-c339b641ebe6';
    expect(loggedUrl(`/v1/ads/${adId}/breakdown.ndjson`)).toBe(`/v1/ads/${adId}/breakdown.ndjson`);
  });

  it('leaves other URLs as they are', () => {
    expect(loggedUrl('/graphql')).toBe('/graphql');
    expect(loggedUrl('/v1/ads/1/clicks.csv?from=2026-11-01T00:00:00Z')).toBe(
      '/v1/ads/1/clicks.csv?from=2026-11-01T00%3A00%3A00Z',
    );
    expect(loggedUrl(undefined)).toBe('');
  });
});
