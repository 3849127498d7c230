import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY, BenchApp } from '../lib/bench-app';

export const BENCH_TARGET_URL = 'https://shop.example/landing';

export interface RegisteredAd {
  readonly adId: string;
  readonly advertiserId: string;
  readonly targetUrl: string;
}

/** `count` ads of one advertiser, registered through the API as an advertiser would. */
export async function registerAds(app: BenchApp, count: number): Promise<RegisteredAd[]> {
  const created = await graphql<{
    createAdvertiser: { apiKey: string; advertiser: { id: string } };
  }>(
    app.baseUrl,
    'mutation { createAdvertiser(name: "bench") { apiKey advertiser { id } } }',
    {},
    BENCH_ADMIN_KEY,
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const { apiKey, advertiser } = created.data.createAdvertiser;
  const ads: RegisteredAd[] = [];
  for (let i = 0; i < count; i++) {
    const ad = await graphql<{ registerAd: { id: string } }>(
      app.baseUrl,
      'mutation($n: String!, $url: String!) { registerAd(input: { name: $n, targetUrl: $url }) { id } }',
      { n: `bench ad ${i}`, url: BENCH_TARGET_URL },
      apiKey,
    );
    if (!ad.data) throw new Error(JSON.stringify(ad.errors));
    ads.push({
      adId: ad.data.registerAd.id,
      advertiserId: advertiser.id,
      targetUrl: BENCH_TARGET_URL,
    });
  }
  return ads;
}
