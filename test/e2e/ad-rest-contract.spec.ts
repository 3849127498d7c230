import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppProcess,
  createTestDatabase,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

async function getAd(
  baseUrl: string,
  adId: string,
  apiKey?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/v1/ads/${adId}`, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
  return { status: response.status, body: await response.json() };
}

/**
 * `GET /v1/ads/:adId` is a public contract: the body is these five fields and nothing more of
 * the aggregate, and someone else's ad answers exactly as an id never registered (no hint that
 * it exists). Other tests only look at parts of it.
 */
describe('GET /v1/ads/:adId', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let ownerKey: string;
  let strangerKey: string;
  let advertiserId: string;
  let adId: string;

  beforeAll(async () => {
    db = await createTestDatabase('adrest');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-adrest-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    const owner = await postJson<{ advertiserId: string; apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Acme' },
      TEST_ADMIN_KEY,
    );
    const stranger = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Globex' },
      TEST_ADMIN_KEY,
    );
    ({ advertiserId, apiKey: ownerKey } = owner.body);
    strangerKey = stranger.body.apiKey;
    const ad = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: ' Winter sale ', targetUrl: 'https://shop.example/winter' },
      ownerKey,
    );
    adId = ad.body.adId;
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the owner and the operator with exactly the ad fields', async () => {
    const expected = {
      adId,
      advertiserId,
      name: 'Winter sale',
      targetUrl: 'https://shop.example/winter',
      paused: false,
    };
    for (const key of [ownerKey, TEST_ADMIN_KEY]) {
      const got = await getAd(app.baseUrl, adId, key);
      expect(got.status).toBe(200);
      // toEqual with the whole body: an extra field would be a contract change.
      expect(got.body).toEqual(expected);
      expect(Object.keys(got.body as object)).toEqual(Object.keys(expected));
    }
  });

  it('shows what the ad commands changed', async () => {
    await postJson(app.baseUrl, `/v1/ads/${adId}/pause`, {}, ownerKey);
    const response = await fetch(`${app.baseUrl}/v1/ads/${adId}/target`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ targetUrl: 'https://shop.example/spring' }),
    });
    expect(response.status).toBe(200);
    expect(await getAd(app.baseUrl, adId, ownerKey)).toEqual({
      status: 200,
      body: {
        adId,
        advertiserId,
        name: 'Winter sale',
        targetUrl: 'https://shop.example/spring',
        paused: true,
      },
    });
  });

  it("answers someone else's ad exactly as one that does not exist", async () => {
    const hidden = await getAd(app.baseUrl, adId, strangerKey);
    const unknownId = randomUUID();
    const missing = await getAd(app.baseUrl, unknownId, strangerKey);
    expect(hidden).toEqual({
      status: 404,
      body: { error: 'not-found', code: 'AD_NOT_FOUND', message: `no ad ${adId}` },
    });
    expect(missing).toEqual({
      status: 404,
      body: { error: 'not-found', code: 'AD_NOT_FOUND', message: `no ad ${unknownId}` },
    });
  });

  it('refuses an id that is not a UUID, and a request without a key', async () => {
    expect(await getAd(app.baseUrl, 'not-a-uuid', ownerKey)).toEqual({
      status: 400,
      body: { error: 'bad-request', message: 'Validation failed (uuid is expected)' },
    });
    expect((await getAd(app.baseUrl, adId)).status).toBe(401);
  });
});
