import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newImpressionId, signClickToken } from '@app/contracts';
import {
  AppProcess,
  click,
  createTestDatabase,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TEST_SIGNING_SECRET,
  TestDatabase,
} from '@app/testing';

interface Minted {
  impressionId: string;
  clickUrl: string;
  expiresAt: string;
}

/** The tracker end to end: real HTTP against the built app, real PostgreSQL underneath. */
describe('click ingestion', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let advertiserKey: string;
  let adId: string;

  beforeAll(async () => {
    db = await createTestDatabase('clicks');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-e2e-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
      APPEND_TIMEOUT_MS: '300',
      // The test's requests come from loopback, standing in for the load balancer.
      TRUST_PROXY: 'loopback',
    });
    const advertiser = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Acme' },
      TEST_ADMIN_KEY,
    );
    expect(advertiser.status).toBe(201);
    advertiserKey = advertiser.body.apiKey;
    const ad = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'Winter sale', targetUrl: 'https://shop.example/winter?utm=1' },
      advertiserKey,
    );
    expect(ad.status).toBe(201);
    adId = ad.body.adId;
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function mint(count: number, extra: Record<string, string> = {}): Promise<Minted[]> {
    const body =
      count === 1
        ? { adId, ...extra }
        : { impressions: Array.from({ length: count }, () => ({ adId, ...extra })) };
    const response = await postJson<Minted | { impressions: Minted[] }>(
      app.baseUrl,
      '/v1/impressions',
      body,
      advertiserKey,
    );
    expect(response.status).toBe(201);
    return 'impressions' in response.body ? response.body.impressions : [response.body];
  }

  async function eventsFor(impressionId: string): Promise<Record<string, unknown>[]> {
    const { rows } = await db.pool.query<{ data: Record<string, unknown> }>(
      // Either of the impression's streams: a person's click, or a screened one (a bot's).
      `SELECT data FROM events WHERE data->>'impressionId' = $1 AND event_type = 'ClickRecorded'`,
      [impressionId],
    );
    return rows.map((r) => r.data);
  }

  async function clickCount(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE event_type = 'ClickRecorded'`,
    );
    return Number(rows[0].n);
  }

  it('redirects and records a click once, however often the link is followed', async () => {
    const [impression] = await mint(1, { userId: 'user-7', country: 'DE', placement: 'sidebar' });
    expect(impression.clickUrl.length).toBeLessThan(200);

    const first = await click(impression.clickUrl);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://shop.example/winter?utm=1');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('x-correlation-id')).toBeTruthy();

    const again = await click(impression.clickUrl);
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('https://shop.example/winter?utm=1');

    const events = await eventsFor(impression.impressionId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      impressionId: impression.impressionId,
      adId,
      userKey: 'u:user-7',
      country: 'DE',
      placement: 'sidebar',
      adPaused: false,
      version: 2,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/120.0',
      referrerHost: null,
      declaredPurpose: null,
      addressClass: 'unchecked',
    });
    // Minted moments ago, with an issue time in the token: how long after, in milliseconds.
    expect(events[0].msSinceMint).toEqual(expect.any(Number));
    expect(events[0].msSinceMint as number).toBeGreaterThanOrEqual(0);
    expect(events[0].msSinceMint as number).toBeLessThan(60_000);
  });

  it('answers 400 to a tampered link and records nothing', async () => {
    const [impression] = await mint(1);
    const token = impression.clickUrl.split('/c/')[1];
    const i = token.length - 5;
    const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const response = await click(`${app.baseUrl}/c/${tampered}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toMatch(/not valid/);
    expect(await eventsFor(impression.impressionId)).toHaveLength(0);
  });

  it('answers 400 to a link signed with an unknown key', async () => {
    const impressionId = newImpressionId();
    const token = signClickToken(
      { impressionId, adId, expiresAt: Math.floor(Date.now() / 1000) + 60 },
      { kid: 'retired', secret: Buffer.from(TEST_SIGNING_SECRET) },
    );
    expect((await click(`${app.baseUrl}/c/${token}`)).status).toBe(400);
    expect(await eventsFor(impressionId)).toHaveLength(0);
  });

  it('still redirects an expired link, but does not record it', async () => {
    const impressionId = newImpressionId();
    const token = signClickToken(
      { impressionId, adId, expiresAt: Math.floor(Date.now() / 1000) - 1 },
      { kid: 't1', secret: Buffer.from(TEST_SIGNING_SECRET) },
    );
    const response = await click(`${app.baseUrl}/c/${token}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://shop.example/winter?utm=1');
    expect(await eventsFor(impressionId)).toHaveLength(0);
  });

  it('redirects HEAD requests without recording them', async () => {
    const [impression] = await mint(1);
    const response = await click(impression.clickUrl, { method: 'HEAD' });
    expect(response.status).toBe(302);
    expect(await eventsFor(impression.impressionId)).toHaveLength(0);
  });

  // Version 2 events keep the facts; the projection judges the bot (traffic-quality.spec.ts).
  it('records known bots with their user agent, and no verdict', async () => {
    const [impression] = await mint(1);
    const response = await click(impression.clickUrl, {
      userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    });
    expect(response.status).toBe(302);
    const events = await eventsFor(impression.impressionId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      version: 2,
      userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    });
    expect(events[0]).not.toHaveProperty('bot');
    expect(String(events[0].userKey)).toMatch(/^a:/);
  });

  it('keys anonymous visitors on the forwarded address only behind a trusted proxy', async () => {
    const anonymousKeys = async (baseUrl: string): Promise<string[]> => {
      const keys: string[] = [];
      for (const visitor of ['203.0.113.7', '198.51.100.23', '203.0.113.7']) {
        const [impression] = await mint(1);
        const url = impression.clickUrl.replace(app.baseUrl, baseUrl);
        const response = await click(url, { headers: { 'x-forwarded-for': visitor } });
        expect(response.status).toBe(302);
        const [event] = await eventsFor(impression.impressionId);
        keys.push(String(event.userKey));
      }
      return keys;
    };

    // TRUST_PROXY=loopback: two people behind the same proxy are two users, the same one once.
    const [first, second, again] = await anonymousKeys(app.baseUrl);
    expect(first).toMatch(/^a:/);
    expect(second).not.toBe(first);
    expect(again).toBe(first);

    // No TRUST_PROXY: a client cannot pick the address it is counted under.
    const spoofDir = mkdtempSync(join(tmpdir(), 'clickstream-e2e-untrusted-'));
    const untrusting = await startApp('tracker', {
      DATABASE_URL: db.url,
      DATA_DIR: spoofDir,
      ...TEST_SECRETS,
    });
    try {
      const keys = await anonymousKeys(untrusting.baseUrl);
      expect(new Set(keys).size).toBe(1);
    } finally {
      await untrusting.stop();
      rmSync(spoofDir, { recursive: true, force: true });
    }
  });

  it('still redirects and records clicks on a paused ad, flagged adPaused', async () => {
    const paused = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'Paused one', targetUrl: 'https://shop.example/paused' },
      advertiserKey,
    );
    expect(
      (await postJson(app.baseUrl, `/v1/ads/${paused.body.adId}/pause`, {}, advertiserKey)).status,
    ).toBe(200);
    // The tracker learns of the pause by following the log, a moment after the API answers:
    // each click is still redirected and recorded, and within seconds they carry the flag.
    const deadline = Date.now() + 10_000;
    let recorded: Record<string, unknown>[];
    do {
      const minted = await postJson<Minted>(
        app.baseUrl,
        '/v1/impressions',
        { adId: paused.body.adId },
        advertiserKey,
      );
      const response = await click(minted.body.clickUrl);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://shop.example/paused');
      recorded = await eventsFor(minted.body.impressionId);
      expect(recorded).toHaveLength(1);
    } while (recorded[0].adPaused !== true && Date.now() < deadline);
    expect(recorded[0]).toMatchObject({ adPaused: true });
  });

  it('answers 404 for a validly signed link to an ad that does not exist', async () => {
    const token = signClickToken(
      {
        impressionId: newImpressionId(),
        adId: '00000000-0000-4000-8000-000000000000',
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      },
      { kid: 't1', secret: Buffer.from(TEST_SIGNING_SECRET) },
    );
    expect((await click(`${app.baseUrl}/c/${token}`)).status).toBe(404);
  });

  it('records exactly one event per impression under 200 concurrent clicks plus 50 duplicates', async () => {
    const before = await clickCount();
    const impressions = await mint(200);
    const urls = [
      ...impressions.map((i) => i.clickUrl),
      ...impressions.slice(0, 50).map((i) => i.clickUrl),
    ];
    const responses = await Promise.all(urls.map((url) => click(url)));
    expect(responses.map((r) => r.status)).toEqual(urls.map(() => 302));
    expect((await clickCount()) - before).toBe(200);
    for (const impression of impressions.slice(0, 60))
      expect(await eventsFor(impression.impressionId)).toHaveLength(1);
  });

  it('keeps redirecting while the event store is down, spools, and replays each click exactly once', async () => {
    const impressions = await mint(30);
    // Take the event log away: every append now fails at once.
    await db.pool.query('ALTER TABLE events RENAME TO events_offline');
    let responses: Response[];
    try {
      responses = await Promise.all(impressions.map((i) => click(i.clickUrl)));
      // A repeat click during the outage is spooled too; replay must still record it once.
      responses.push(await click(impressions[0].clickUrl));
      const ready = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as {
        checks: Record<string, { detail: { pending: number } }>;
      };
      expect(ready.checks['click-spool'].detail.pending).toBe(31);
      // Read while the store is still down: once it is back, the replayer may start any moment.
      expect(await metric('clickstream_clicks_spooled_total')).toBe(31);
      expect(await metric('clickstream_spool_pending_clicks')).toBe(31);
    } finally {
      await db.pool.query('ALTER TABLE events_offline RENAME TO events');
    }
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 302));
    expect(
      responses.every((r) => r.headers.get('location') === 'https://shop.example/winter?utm=1'),
    ).toBe(true);

    // Recovery: the background replay drains the spool.
    await waitForEmptySpool();
    expect(await metric('clickstream_spool_pending_clicks')).toBe(0);
    for (const impression of impressions)
      expect(await eventsFor(impression.impressionId)).toHaveLength(1);
  });

  it('spools clicks the store is too slow to take, and counts them once when the slow appends commit too', async () => {
    const impressions = await mint(10);
    const spooledBefore = await metric('clickstream_clicks_spooled_total');
    const locker = await db.pool.connect();
    let responses: Response[];
    try {
      // Hold the log locked: appends hang past APPEND_TIMEOUT_MS, then commit once it is released.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      responses = await Promise.all(impressions.map((i) => click(i.clickUrl)));
    } finally {
      await locker.query('COMMIT');
      locker.release();
    }
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 302));
    expect((await metric('clickstream_clicks_spooled_total')) - spooledBefore).toBe(10);
    await waitForEmptySpool();
    for (const impression of impressions)
      expect(await eventsFor(impression.impressionId)).toHaveLength(1);
  });

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  }

  async function waitForEmptySpool(): Promise<void> {
    const deadline = Date.now() + 20_000;
    let pending = -1;
    while (Date.now() < deadline) {
      const ready = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as {
        checks: Record<string, { detail: { pending: number } }>;
      };
      pending = ready.checks['click-spool'].detail.pending;
      if (pending === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(pending).toBe(0);
  }

  it('rejects bad requests with clear 4xx messages', async () => {
    const noKey = await postJson<{ message: string }>(app.baseUrl, '/v1/impressions', { adId });
    expect(noKey.status).toBe(401);
    const badBody = await postJson<{ details: string[] }>(
      app.baseUrl,
      '/v1/impressions',
      { adId: 'x', country: 'usa' },
      advertiserKey,
    );
    expect(badBody.status).toBe(400);
    expect(badBody.body.details.join(' ')).toMatch(/adId must be a UUID/);
    const tooMany = await postJson<{ details: string[] }>(
      app.baseUrl,
      '/v1/impressions',
      { impressions: Array.from({ length: 1001 }, () => ({ adId })) },
      advertiserKey,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.join(' ')).toMatch(/at most 1000/);
    const badTarget = await postJson<{ message: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'x', targetUrl: 'ftp://x.example/' },
      advertiserKey,
    );
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.message).toMatch(/http or https/);

    const other = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Other' },
      TEST_ADMIN_KEY,
    );
    const foreign = await postJson<{ message: string }>(
      app.baseUrl,
      '/v1/impressions',
      { adId },
      other.body.apiKey,
    );
    expect(foreign.status).toBe(404);
    const notAdmin = await postJson(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Sneaky' },
      advertiserKey,
    );
    expect(notAdmin.status).toBe(403);
  });
});
