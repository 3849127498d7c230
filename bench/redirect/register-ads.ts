import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY, BenchApp } from '../lib/bench-app';

/** `count` ads of one advertiser registered through the API, as an advertiser would; their ids. */
export async function registerAds(app: BenchApp, count: number): Promise<string[]> {
  const created = await graphql<{ createAdvertiser: { apiKey: string } }>(
    app.baseUrl,
    'mutation { createAdvertiser(name: "bench") { apiKey } }',
    {},
    BENCH_ADMIN_KEY,
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ad = await graphql<{ registerAd: { id: string } }>(
      app.baseUrl,
      'mutation($n: String!) { registerAd(input: { name: $n, targetUrl: "https://shop.example/landing" }) { id } }',
      { n: `bench ad ${i}` },
      created.data.createAdvertiser.apiKey,
    );
    if (!ad.data) throw new Error(JSON.stringify(ad.errors));
    ids.push(ad.data.registerAd.id);
  }
  return ids;
}
