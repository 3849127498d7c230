import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppProcess,
  click,
  createTestDatabase,
  graphql,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

interface Minted {
  adId: string;
  clickUrl: string;
}

async function send<T>(
  baseUrl: string,
  method: string,
  path: string,
  apiKey: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** What the abuse test sent to the public API, against a production-configured process. */
describe('input validation (NODE_ENV=production)', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let key: string;
  let adId: string;
  const others: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('inputs');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-inputs-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
      NODE_ENV: 'production',
    });
    const advertiser = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Acme' },
      TEST_ADMIN_KEY,
    );
    key = advertiser.body.apiKey;
    const ad = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'Winter sale', targetUrl: 'https://shop.example/winter' },
      key,
    );
    expect(ad.status).toBe(201);
    adId = ad.body.adId;
  });

  afterAll(async () => {
    await Promise.all(others.map((other) => other.stop()));
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mints and records links carrying 64 emoji in userId and placement, and says the limit past it', async () => {
    for (const count of [33, 64]) {
      const userId = '😀'.repeat(count);
      const placement = '🎯'.repeat(count);
      const minted = await postJson<Minted>(
        app.baseUrl,
        '/v1/impressions',
        { adId, userId, placement },
        key,
      );
      expect(minted.status).toBe(201);
      const response = await click(minted.body.clickUrl);
      expect(response.status).toBe(302);
      const { rows } = await db.pool.query<{ data: { userKey: string; placement: string } }>(
        `SELECT data FROM events WHERE event_type = 'ClickRecorded' AND data->>'placement' = $1`,
        [placement],
      );
      expect(rows.map((r) => r.data.userKey)).toEqual([`u:${userId}`]);
    }
    const batch = await postJson<{ impressions: Minted[] }>(
      app.baseUrl,
      '/v1/impressions',
      { impressions: [{ adId, userId: '👩‍💻'.repeat(21), placement: 'ü'.repeat(64) }] },
      key,
    );
    expect(batch.status).toBe(201);

    for (const body of [
      { adId, userId: '😀'.repeat(65) },
      { impressions: [{ adId, placement: '🎯'.repeat(65) }] },
      // NUL cannot be stored in PostgreSQL: such a click could never be recorded.
      { adId, userId: 'evil\u0000user' },
      { impressions: [{ adId, placement: 'bell\u0007' }] },
    ]) {
      const refused = await postJson<{ details: string[] }>(
        app.baseUrl,
        '/v1/impressions',
        body,
        key,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.details.join(' ')).toMatch(
        /(userId|placement) must be at most 64 characters \(Unicode code points; an emoji counts as one\)/,
      );
    }
  });

  it('refuses names PostgreSQL cannot store with a 400, never a 500', async () => {
    for (const name of ['a\u0000b', '\ud800', 'x\ud800x']) {
      const ad = await postJson<{ details: string[] }>(
        app.baseUrl,
        '/v1/ads',
        { name, targetUrl: 'https://shop.example/' },
        key,
      );
      expect(ad.status).toBe(400);
      expect(ad.body.details.join(' ')).toMatch(/name must not contain control characters/);
      const advertiser = await postJson(app.baseUrl, '/v1/advertisers', { name }, TEST_ADMIN_KEY);
      expect(advertiser.status).toBe(400);
    }
  });

  it('accepts ad ids in upper case wherever they enter, and answers in lower case', async () => {
    const upper = adId.toUpperCase();
    expect(upper).not.toBe(adId);

    const got = await send<{ adId: string }>(app.baseUrl, 'GET', `/v1/ads/${upper}`, key);
    expect(got).toMatchObject({ status: 200, body: { adId } });
    const minted = await postJson<Minted>(app.baseUrl, '/v1/impressions', { adId: upper }, key);
    expect(minted).toMatchObject({ status: 201, body: { adId } });
    const batch = await postJson<{ impressions: Minted[] }>(
      app.baseUrl,
      '/v1/impressions',
      { impressions: [{ adId: upper }] },
      key,
    );
    expect(batch.status).toBe(201);
    expect(batch.body.impressions[0].adId).toBe(adId);
    const retarget = await send<{ adId: string; targetUrl: string }>(
      app.baseUrl,
      'PUT',
      `/v1/ads/${upper}/target`,
      key,
      { targetUrl: 'https://shop.example/winter?v=2' },
    );
    expect(retarget).toMatchObject({ status: 200, body: { adId } });
    for (const action of ['pause', 'resume'])
      expect((await send(app.baseUrl, 'POST', `/v1/ads/${upper}/${action}`, key)).status).toBe(200);

    const paused = await graphql<{ pauseAd: { id: string; paused: boolean } }>(
      app.baseUrl,
      'mutation($id: ID!) { pauseAd(adId: $id) { id paused } resumeAd(adId: $id) { id paused } }',
      { id: upper },
      key,
    );
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseAd).toEqual({ id: adId, paused: true });
    const changed = await graphql<{ changeAdTarget: { id: string } }>(
      app.baseUrl,
      'mutation($id: ID!) { changeAdTarget(adId: $id, targetUrl: "https://shop.example/w3") { id } }',
      { id: upper },
      key,
    );
    expect(changed.errors).toBeUndefined();

    // The read side: the catalog is projected, so wait for the ad to arrive there.
    const hour = 3_600_000;
    const range = {
      from: new Date(Date.now() - hour).toISOString(),
      to: new Date(Date.now() + hour).toISOString(),
    };
    let read: Awaited<ReturnType<typeof graphql<Record<string, unknown>>>> | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      read = await graphql(
        app.baseUrl,
        `
          query ($id: ID!, $from: DateTime!, $to: DateTime!) {
            ad(id: $id) {
              id
            }
            clickTotals(adIds: [$id], from: $from, to: $to) {
              ads {
                adId
              }
            }
            clickSeries(adId: $id, from: $from, to: $to, granularity: HOUR) {
              adId
            }
            clickBreakdown(adId: $id, from: $from, to: $to, dimension: COUNTRY) {
              entries {
                value
              }
            }
          }
        `,
        { id: upper, ...range },
        key,
      );
      if (!read.errors) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(read?.errors).toBeUndefined();
    expect(read?.data).toMatchObject({
      ad: { id: adId },
      clickTotals: { ads: [{ adId }] },
      clickSeries: { adId },
    });
  });

  it.each([
    ['http://127.0.0.1/landing', /127\.0\.0\.1 is a loopback address/],
    ['http://[::1]/', /loopback/],
    ['http://10.0.0.8/', /private \(RFC 1918\)/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f.1/', /127\.0\.0\.1 is a loopback/],
    ['http://localhost:8080/', /localhost is a local host name/],
    ['http://admin.localhost/', /local host name/],
  ])('refuses the private target %s with a 400 that says why', async (targetUrl, reason) => {
    const registered = await postJson<{ message: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'x', targetUrl },
      key,
    );
    expect(registered.status).toBe(400);
    expect(registered.body.message).toMatch(/targetUrl must point to a public host/);
    expect(registered.body.message).toMatch(reason);
    const changed = await send<{ message: string }>(
      app.baseUrl,
      'PUT',
      `/v1/ads/${adId}/target`,
      key,
      { targetUrl },
    );
    expect(changed.status).toBe(400);
    expect(changed.body.message).toMatch(reason);
  });

  it('refuses a private target over GraphQL too', async () => {
    const response = await graphql(
      app.baseUrl,
      'mutation { registerAd(input: { name: "x", targetUrl: "http://169.254.169.254/" }) { id } }',
      {},
      key,
    );
    expect(response.errors?.[0].message).toMatch(/public host: 169\.254\.169\.254 is a link-local/);
  });

  it('limits the target URL as stored, after percent-encoding', async () => {
    const targetUrl = `https://shop.example/${'é'.repeat(600)}`;
    expect(targetUrl.length).toBeLessThan(2048);
    const refused = await postJson<{ message: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'x', targetUrl },
      key,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(
      /at most 2048 characters once normalised and percent-encoded \(it is 3621\)/,
    );
    const { rows } = await db.pool.query(
      "SELECT 1 FROM events WHERE event_type IN ('AdRegistered', 'AdTargetChanged') AND length(data->>'targetUrl') > 2048",
    );
    expect(rows).toHaveLength(0);
  });

  it('allows private targets in production when AD_TARGETS_ALLOW_PRIVATE=on', async () => {
    const allowing = await startApp('api', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
      NODE_ENV: 'production',
      AD_TARGETS_ALLOW_PRIVATE: 'on',
    });
    others.push(allowing);
    const registered = await postJson<{ targetUrl: string }>(
      allowing.baseUrl,
      '/v1/ads',
      { name: 'staging', targetUrl: 'http://localhost:8080/landing' },
      key,
    );
    expect(registered).toMatchObject({
      status: 201,
      body: { targetUrl: 'http://localhost:8080/landing' },
    });
  });
});
