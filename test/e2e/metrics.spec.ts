import { freePort } from '@app/database';
import {
  AppProcess,
  click,
  createTestDatabase,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

interface Family {
  readonly name: string;
  readonly type: string;
}

/** The metric families of a Prometheus text exposition, from its `# TYPE` lines. */
function families(text: string): Family[] {
  return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
}

/** The value of one sample line, e.g. `clickstream_clicks_recorded_total` or `x{a="b"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

interface Advertised {
  readonly apiKey: string;
  readonly adId: string;
}

/** An advertiser with one ad, through an app that serves the API. */
async function advertise(baseUrl: string): Promise<Advertised> {
  const advertiser = await postJson<{ apiKey: string }>(
    baseUrl,
    '/v1/advertisers',
    { name: 'Metrics' },
    TEST_ADMIN_KEY,
  );
  const ad = await postJson<{ adId: string }>(
    baseUrl,
    '/v1/ads',
    { name: 'Metered', targetUrl: 'https://shop.example/metered' },
    advertiser.body.apiKey,
  );
  return { apiKey: advertiser.body.apiKey, adId: ad.body.adId };
}

/** One link minted and clicked on a tracker (or the all-in-one app). */
async function mintAndClick(baseUrl: string, { apiKey, adId }: Advertised): Promise<Response> {
  const minted = await postJson<{ impressions: { clickUrl: string }[] }>(
    baseUrl,
    '/v1/impressions',
    { impressions: [{ adId }] },
    apiKey,
  );
  return click(minted.body.impressions[0].clickUrl);
}

/**
 * What an operator's Prometheus sees: one prefix, base units, counters for rates, lag that is
 * present when known, and /metrics on a port of its own when asked.
 */
describe('metrics', () => {
  let db: TestDatabase;
  let advertised: Advertised;

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
  });
  afterAll(async () => {
    await db.drop();
  });

  describe('on the app port (the default)', () => {
    let app: AppProcess;
    let text: string;

    beforeAll(async () => {
      app = await startApp('all-in-one', { DATABASE_URL: db.url, ...TEST_SECRETS });
      advertised = await advertise(app.baseUrl);
      expect((await mintAndClick(app.baseUrl, advertised)).status).toBe(302);
      await waitForProjected(db.pool, 'click-buckets', 1);
      text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    });
    afterAll(async () => {
      await app.stop();
    });

    it("names the product's metrics by one prefix and Prometheus' conventions", () => {
      const all = families(text);
      // Node's and the process's own keep their standard names, which common dashboards expect.
      const ours = all.filter((f) => !/^(process|nodejs)_/.test(f.name));
      expect(ours.length).toBeGreaterThan(10);
      const misnamed = ours.filter(
        (f) =>
          !f.name.startsWith('clickstream_') ||
          (f.type === 'counter') !== f.name.endsWith('_total') ||
          // A rate is a counter and rate(); a duration is in seconds.
          /per_second|_ms$|_milliseconds/.test(f.name) ||
          (f.type === 'histogram' && /duration/.test(f.name) && !f.name.endsWith('_seconds')),
      );
      expect(misnamed).toEqual([]);
      // promtool's rule, for Node's and the process's own too: only a counter ends in _total.
      expect(all.filter((f) => f.type !== 'counter' && f.name.endsWith('_total'))).toEqual([]);
    });

    it('counts the click and reports the lag as known', () => {
      expect(sample(text, 'clickstream_clicks_recorded_total')).toBe(1);
      expect(sample(text, 'clickstream_projection_status_up')).toBe(1);
      // Labelled counters exist from the start, so increase() sees their first event.
      expect(
        sample(text, 'clickstream_projection_dead_letters_total{projection="click-buckets"}'),
      ).toBe(0);
      expect(sample(text, 'clickstream_clicks_rejected_total{reason="bad-signature"}')).toBe(0);
      expect(
        sample(text, 'clickstream_projection_lag_events{projection="click-buckets"}'),
      ).toBeDefined();
    });
  });

  describe('with METRICS_PORT', () => {
    let tracker: AppProcess;
    let metricsUrl: string;

    beforeAll(async () => {
      const port = await freePort();
      metricsUrl = `http://127.0.0.1:${port}/metrics`;
      tracker = await startApp('tracker', {
        DATABASE_URL: db.url,
        METRICS_PORT: String(port),
        ...TEST_SECRETS,
      });
    });
    afterAll(async () => {
      await tracker.stop();
    });

    it('serves /metrics on that port only, and nothing else there', async () => {
      expect((await fetch(`${tracker.baseUrl}/metrics`)).status).toBe(404);
      // The ad was registered through the all-in-one app above; the tracker follows the log.
      expect((await mintAndClick(tracker.baseUrl, advertised)).status).toBe(302);

      const scrape = await fetch(metricsUrl);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sample(await scrape.text(), 'clickstream_clicks_recorded_total')).toBe(1);
      expect((await fetch(metricsUrl.replace('/metrics', '/healthz'))).status).toBe(404);
    });
  });
});
