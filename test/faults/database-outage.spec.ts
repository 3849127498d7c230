import { AppProcess, graphql, postJson } from '@app/testing';
import {
  advertiserWithAds,
  ClickLoad,
  expectExactlyRecorded,
  metric,
  mint,
  readiness,
  sleep,
  spoolPending,
  waitUntil,
} from './fault-kit';
import { APPEND_TIMEOUT_MS, expectAlive, useFaultEnvironment } from './fault-environment';

/**
 * The product's one promise under real database faults: a cluster of the test's own is
 * stopped hard, frozen, and taken away across a restart of the product, under a steady load of
 * real clicks. Each case ends with an exact count, and the process never exits.
 */
describe('database faults', () => {
  const env = useFaultEnvironment('faults');
  const product = (): Promise<AppProcess> => env.start();

  it('keeps every acknowledged click through a hard stop of PostgreSQL under load', async () => {
    const app = await product();
    const { key, adIds } = await advertiserWithAds(app.baseUrl, 2);
    const links = [
      ...(await mint(app.baseUrl, key, adIds[0], 3_000)),
      ...(await mint(app.baseUrl, key, adIds[1], 3_000)),
    ].sort(() => Math.random() - 0.5);

    const load = new ClickLoad(links, 250).start();
    await sleep(3_000);
    env.cluster.stopHard();
    await sleep(7_000);
    // What needs the database says so, as an outage, not as a bug.
    const query = await graphql(app.baseUrl, '{ ads { id } }', {}, key);
    expect(query.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    const write = await postJson(
      app.baseUrl,
      '/v1/ads',
      { name: 'During the outage', targetUrl: 'https://shop.example/' },
      key,
    );
    expect(write.status).toBe(503);
    await sleep(8_000);
    expectAlive(app);
    expect((await readiness(app.baseUrl)).checks.database.ready).toBe(false);
    env.cluster.start();
    await sleep(4_000);
    const results = await load.stop();
    expectAlive(app);

    await waitUntil(
      async () => (await spoolPending(app.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
    );
    expect(await metric(app.baseUrl, 'clickstream_clicks_lost_total')).toBe(0);
    expect(await metric(app.baseUrl, 'clickstream_clicks_spooled_total')).toBeGreaterThan(1_000);
    const counts = await expectExactlyRecorded(env.db.pool, results);
    expect(counts.acknowledged).toBeGreaterThan(4_000);
    expectAlive(app);
  });

  it('answers every click within the append timeout while PostgreSQL is frozen, and health within a second', async () => {
    const app = await product();
    const { key, adIds } = await advertiserWithAds(app.baseUrl, 1);
    const links = await mint(app.baseUrl, key, adIds[0], 2_000);

    const load = new ClickLoad(links, 150).start();
    await sleep(2_000);
    env.cluster.stall();
    const probes: number[] = [];
    const scrapes: string[] = [];
    try {
      await sleep(APPEND_TIMEOUT_MS * 3);
      for (let i = 0; i < 3; i++) {
        for (const path of ['/readyz', '/metrics', '/healthz']) {
          const started = Date.now();
          const response = await fetch(`${app.baseUrl}${path}`);
          const body = await response.text();
          probes.push(Date.now() - started);
          if (path === '/metrics') scrapes.push(body);
        }
        await sleep(1_000);
      }
      await sleep(3_000);
      expectAlive(app);
    } finally {
      env.cluster.resume();
    }
    await sleep(2_000);
    const results = await load.stop();

    // Timing is the promise here, with margin for a loaded two-core machine.
    expect(Math.max(...probes)).toBeLessThan(1_500);
    // Lag that cannot be read is unknown, not the last value seen: no lag series, and up = 0.
    for (const scrape of scrapes) {
      expect(scrape).toMatch(/^clickstream_projection_status_up 0$/m);
      expect(scrape).not.toMatch(/^clickstream_projection_lag_(events|seconds)\{/m);
    }
    const slowest = Math.max(...results.map((r) => r.ms));
    expect(slowest).toBeLessThan(APPEND_TIMEOUT_MS + 1_000);

    await waitUntil(
      async () => (await spoolPending(app.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
    );
    expect(await metric(app.baseUrl, 'clickstream_clicks_spooled_total')).toBeGreaterThan(100);
    expect(await metric(app.baseUrl, 'clickstream_clicks_lost_total')).toBe(0);
    await expectExactlyRecorded(env.db.pool, results);
    expectAlive(app);
  });

  it('redirects clicks on ads it has not served since a restart while PostgreSQL is down', async () => {
    let app = await product();
    const { key, adIds, targets } = await advertiserWithAds(app.baseUrl, 3);
    const links = new Map<string, Awaited<ReturnType<typeof mint>>>();
    for (const adId of adIds) links.set(adId, await mint(app.baseUrl, key, adId, 100));
    // Give the catalog a moment to write its snapshot, as a running tracker would have.
    await sleep(1_500);

    env.cluster.stopHard();
    await app.kill();
    app = await product();
    // No click has reached this process yet: every ad comes from the snapshot.
    const results = await new ClickLoad([...links.values()].flat(), 200, app.baseUrl)
      .start()
      .finish();
    expectAlive(app);
    for (const result of results) {
      expect(result.status).toBe(302);
    }
    for (const [adId, adLinks] of links) {
      const ids = new Set(adLinks.map((l) => l.impressionId));
      const locations = new Set(
        results.filter((r) => ids.has(r.impressionId)).map((r) => r.location),
      );
      expect([...locations]).toEqual([targets.get(adId)]);
    }

    env.cluster.start();
    await waitUntil(
      async () => (await spoolPending(app.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
    );
    expect(await metric(app.baseUrl, 'clickstream_clicks_lost_total')).toBe(0);
    await expectExactlyRecorded(env.db.pool, results);
    expectAlive(app);
  });
});
