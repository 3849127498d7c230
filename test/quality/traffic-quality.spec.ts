import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newImpressionId, signClickToken } from '@app/contracts';
import {
  AppProcess,
  click,
  createTestDatabase,
  graphql,
  insertClicks,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TEST_SIGNING_SECRET,
  TestDatabase,
  waitForProjected,
} from '@app/testing';
import { projected, recount, RecountRules } from './quality-recount';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const KEY = { kid: 't1', secret: Buffer.from(TEST_SIGNING_SECRET) };
const RULES: RecountRules = {
  minClickDelayMs: 1_000,
  repeatMaxClicks: 3,
  repeatWindowMs: 3_600_000,
};
const RULE_ENV = {
  QUALITY_MIN_CLICK_DELAY: '1s',
  QUALITY_REPEAT_MAX_CLICKS: '3',
  QUALITY_REPEAT_WINDOW: '1h',
};

interface Totals {
  clicks: number;
  botClicks: number;
  invalidClicks: number;
  uniqueUsers: number;
}
interface Entry {
  value: string;
  clicks: number;
  invalidClicks: number;
}
interface Report {
  rowsDiffering: number;
  clicksDifference: number;
  rules: string;
  clicksMoved: {
    toInvalid: number;
    toValid: number;
    ads: { adId: string; toInvalid: number; toValid: number }[];
  };
}

/**
 * Traffic quality end to end: real clicks over HTTP into the built product, judged by the
 * projection on real PostgreSQL, read back over GraphQL; then history re-judged by a rebuild.
 */
describe('traffic quality', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let rangesFile: string;
  let key: string;
  const ads: Record<string, string> = {};
  const started = new Date(Date.now() - 60_000);

  const env = (rules: Record<string, string>) => ({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    ...TEST_SECRETS,
    ...rules,
    QUALITY_DATACENTER_RANGES: rangesFile,
    // The test's requests come from loopback, standing in for the load balancer.
    TRUST_PROXY: 'loopback',
    PROJECTION_BATCH_WAIT: '20',
  });

  beforeAll(async () => {
    db = await createTestDatabase('quality');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-quality-'));
    rangesFile = join(dataDir, 'datacenter-ranges.txt');
    // The operator's list, as the refresh script writes it: a cloud range, and one of IPv6.
    writeFileSync(rangesFile, '# test ranges\n198.51.100.0/24\n2600:1f00::/24\n');
    app = await startApp('all-in-one', env(RULE_ENV));
    const advertiser = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: 'Quality' },
      TEST_ADMIN_KEY,
    );
    key = advertiser.body.apiKey;
    for (const name of [
      'browser',
      'crawler',
      'prefetch',
      'datacenter',
      'fast',
      'repeat',
      'mixed',
      'scanned',
      'faceless',
    ]) {
      const ad = await postJson<{ adId: string }>(
        app.baseUrl,
        '/v1/ads',
        { name, targetUrl: `https://shop.example/${name}` },
        key,
      );
      expect(ad.status).toBe(201);
      ads[name] = ad.body.adId;
    }
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A link as an ad server signs it, minted `ago` ms before now (a person reading the ad). */
  function link(adId: string, userId: string, ago = 60_000): string {
    const token = signClickToken(
      {
        impressionId: newImpressionId(),
        adId,
        expiresAt: Math.floor(Date.now() / 1000) + 3_600,
        issuedAt: Date.now() - ago,
        userId,
      },
      KEY,
    );
    return `${app.baseUrl}/c/${token}`;
  }

  async function clickOk(url: string, init: Parameters<typeof click>[1] = {}): Promise<void> {
    const response = await click(url, { userAgent: FIREFOX, ...init });
    expect(response.status).toBe(302);
  }

  async function eventCount(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE event_type = 'ClickRecorded'`,
    );
    return Number(rows[0].n);
  }

  async function totals(adId: string): Promise<Totals> {
    const response = await graphql<{ clickTotals: { ads: Totals[] } }>(
      app.baseUrl,
      `
        query ($ids: [ID!]!, $from: DateTime!, $to: DateTime!) {
          clickTotals(adIds: $ids, from: $from, to: $to) {
            ads {
              clicks
              botClicks
              invalidClicks
              uniqueUsers
            }
          }
        }
      `,
      { ids: [adId], from: started, to: new Date(Date.now() + 120_000) },
      key,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.clickTotals.ads[0];
  }

  async function breakdown(adId: string, dimension: string): Promise<Entry[]> {
    const response = await graphql<{ clickBreakdown: { entries: Entry[] } }>(
      app.baseUrl,
      `
        query ($id: ID!, $from: DateTime!, $to: DateTime!, $d: Dimension!) {
          clickBreakdown(adId: $id, from: $from, to: $to, dimension: $d) {
            entries {
              value
              clicks
              invalidClicks
            }
          }
        }
      `,
      { id: adId, from: started, to: new Date(Date.now() + 120_000), d: dimension },
      key,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.clickBreakdown.entries;
  }

  async function rebuild(): Promise<Report> {
    const requested = await graphql<{ rebuildProjections: { id: string }[] }>(
      app.baseUrl,
      `
        mutation {
          rebuildProjections(projections: ["click-buckets"]) {
            id
          }
        }
      `,
      {},
      TEST_ADMIN_KEY,
    );
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.rebuildProjections[0].id;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const response = await graphql<{
        rebuild: { status: string; error: string | null; report: Report | null };
      }>(
        app.baseUrl,
        `
          query ($id: ID!) {
            rebuild(id: $id) {
              status
              error
              report {
                rowsDiffering
                clicksDifference
                rules
                clicksMoved {
                  toInvalid
                  toValid
                  ads {
                    adId
                    toInvalid
                    toValid
                  }
                }
              }
            }
          }
        `,
        { id },
        TEST_ADMIN_KEY,
      );
      const job = response.data!.rebuild;
      if (job.status === 'FAILED') throw new Error(`rebuild failed: ${job.error}`);
      if (job.status === 'SWAPPED') return job.report!;
      if (Date.now() > deadline) throw new Error(`rebuild still ${job.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('flags one click per rule, under its reason, out of clicks and unique users; a browser click stays valid', async () => {
    await clickOk(link(ads.browser, 'person-1'), {
      headers: { referer: 'https://news.example.com/story?id=42' },
    });
    await clickOk(link(ads.crawler, 'crawler-1'), { userAgent: GOOGLEBOT });
    await clickOk(link(ads.prefetch, 'prefetcher-1'), { headers: { 'sec-purpose': 'prefetch' } });
    await clickOk(link(ads.datacenter, 'cloud-1'), {
      headers: { 'x-forwarded-for': '198.51.100.20' },
    });
    // A click 100 ms after the impression was minted by the product itself.
    const minted = await postJson<{ clickUrl: string }>(
      app.baseUrl,
      '/v1/impressions',
      { adId: ads.fast, userId: 'speedy-1' },
      key,
    );
    await new Promise((r) => setTimeout(r, 100));
    await clickOk(minted.body.clickUrl);
    for (let i = 0; i < 4; i++) await clickOk(link(ads.repeat, 'eager-1'));
    await waitForProjected(db.pool, 'click-buckets', await eventCount());

    expect(await totals(ads.browser)).toEqual({
      clicks: 1,
      botClicks: 0,
      invalidClicks: 0,
      uniqueUsers: 1,
    });
    for (const [ad, reason] of [
      ['crawler', 'bot'],
      ['prefetch', 'prefetch'],
      ['datacenter', 'datacenter'],
      ['fast', 'too-fast'],
    ]) {
      expect({ ad, ...(await totals(ads[ad])) }).toEqual({
        ad,
        clicks: 0,
        botClicks: reason === 'bot' ? 1 : 0,
        invalidClicks: 1,
        uniqueUsers: 0,
      });
      expect({ ad, entries: await breakdown(ads[ad], 'INVALID_REASON') }).toEqual({
        ad,
        entries: [{ value: reason, clicks: 0, invalidClicks: 1 }],
      });
    }
    // The fourth click of one user on one ad within the hour; the first three count, and so does the user.
    expect(await totals(ads.repeat)).toEqual({
      clicks: 3,
      botClicks: 0,
      invalidClicks: 1,
      uniqueUsers: 1,
    });
    expect(await breakdown(ads.repeat, 'INVALID_REASON')).toEqual([
      { value: 'repeat', clicks: 0, invalidClicks: 1 },
    ]);
    expect(await breakdown(ads.browser, 'INVALID_REASON')).toEqual([]);

    // Who clicked: parsed from the stored user agent, the referrer's host only.
    expect(await breakdown(ads.browser, 'BROWSER')).toEqual([
      { value: 'Firefox', clicks: 1, invalidClicks: 0 },
    ]);
    expect(await breakdown(ads.browser, 'OS')).toEqual([
      { value: 'Windows', clicks: 1, invalidClicks: 0 },
    ]);
    expect(await breakdown(ads.browser, 'REFERRER')).toEqual([
      { value: 'news.example.com', clicks: 1, invalidClicks: 0 },
    ]);
    const { rows } = await db.pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE event_type = 'ClickRecorded' AND data->>'adId' = $1`,
      [ads.datacenter],
    );
    expect(rows[0].data).toMatchObject({ version: 2, addressClass: 'datacenter' });
    expect(JSON.stringify(rows[0].data)).not.toContain('198.51.100');

    const status = await graphql<{ projections: { name: string; rules: string | null }[] }>(
      app.baseUrl,
      '{ projections { name rules } }',
      {},
      TEST_ADMIN_KEY,
    );
    expect(status.data!.projections.find((p) => p.name === 'click-buckets')!.rules).toBe(
      'bot/2 prefetch/1 datacenter/1 too-fast/1(<1000ms) repeat/1(>3 per 3600s)',
    );
  });

  it("records the person's click after a scanner or a prefetch has followed the same link", async () => {
    // A mail scanner and a browser's prefetch reach the link before the person does. Each
    // gets its 302, the first of them is recorded (and judged invalid), and the person's own
    // click, which comes last, is recorded too and counts. Only a second person's click on
    // the same impression is a duplicate.
    const url = link(ads.scanned, 'reader-1');
    const before = await eventCount();
    await clickOk(url, { headers: { 'sec-purpose': 'prefetch' } });
    await clickOk(url, { userAgent: GOOGLEBOT });
    await clickOk(url);
    await clickOk(url);
    expect(await eventCount()).toBe(before + 2);
    const { rows } = await db.pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM events WHERE event_type = 'ClickRecorded' AND data->>'adId' = $1
       ORDER BY stream_id`,
      [ads.scanned],
    );
    expect(rows.map((r) => r.stream_id)).toEqual([
      expect.stringMatching(/^click-[\w-]{22}$/),
      expect.stringMatching(/^click-[\w-]{22}\.screened$/),
    ]);
    // A request with no user agent at all is a bot: every browser sends one.
    await clickOk(link(ads.faceless, 'nobody-1'), { userAgent: '' });
    await waitForProjected(db.pool, 'click-buckets', await eventCount());
    expect(await totals(ads.scanned)).toEqual({
      clicks: 1,
      botClicks: 0,
      invalidClicks: 1,
      uniqueUsers: 1,
    });
    expect(await breakdown(ads.scanned, 'INVALID_REASON')).toEqual([
      { value: 'prefetch', clicks: 0, invalidClicks: 1 },
    ]);
    expect(await totals(ads.faceless)).toEqual({
      clicks: 0,
      botClicks: 1,
      invalidClicks: 1,
      uniqueUsers: 0,
    });
  });

  it('projects and rebuilds a log of version 1 and version 2 events alike', async () => {
    const now = Date.now();
    // Version 1, as the tracker wrote them before: verdicts recorded, no facts.
    await insertClicks(db.pool, [
      { adId: ads.mixed, clickedAt: new Date(now - 50_000), userKey: 'u:old-1' },
      { adId: ads.mixed, clickedAt: new Date(now - 49_000), userKey: 'u:old-bot', bot: true },
      ...[1, 2, 3, 4, 5].map((i) => ({
        adId: ads.mixed,
        clickedAt: new Date(now - 48_000 + i),
        userKey: 'u:old-eager',
      })),
    ]);
    // Version 2 through the tracker: a browser, a crawler, and the eager user once more.
    await clickOk(link(ads.mixed, 'new-1'));
    await clickOk(link(ads.mixed, 'new-bot'), { userAgent: GOOGLEBOT });
    await clickOk(link(ads.mixed, 'old-eager'));
    await waitForProjected(db.pool, 'click-buckets', await eventCount());

    // 1 + 3 of the eager user's 6 + 1 valid; 1 + 1 bots, 3 repeats.
    expect(await totals(ads.mixed)).toMatchObject({
      clicks: 5,
      botClicks: 2,
      invalidClicks: 5,
      uniqueUsers: 3,
    });
    expect(await projected(db.pool)).toEqual(await recount(db.pool, RULES));

    const report = await rebuild();
    expect(report).toMatchObject({
      rowsDiffering: 0,
      clicksDifference: 0,
      clicksMoved: { toInvalid: 0, toValid: 0, ads: [] },
    });
    expect(await totals(ads.mixed)).toMatchObject({
      clicks: 5,
      botClicks: 2,
      invalidClicks: 5,
      uniqueUsers: 3,
    });
  });

  it('re-judges history after a threshold change: the report lists exactly the clicks that moved', async () => {
    // Clicks 2 to 20 s after their mint: all valid with a 1 s threshold.
    for (let s = 2; s <= 20; s += 2) await clickOk(link(ads.mixed, `reader-${s}`, s * 1_000));
    await waitForProjected(db.pool, 'click-buckets', await eventCount());
    const before = await recount(db.pool, RULES);
    expect(await projected(db.pool)).toEqual(before);

    await app.stop();
    const stricter = { ...RULES, minClickDelayMs: 10_000 };
    app = await startApp('all-in-one', env({ ...RULE_ENV, QUALITY_MIN_CLICK_DELAY: '10s' }));
    const after = await recount(db.pool, stricter);
    const expected = [...after]
      .map(([adId, counts]) => ({
        adId,
        toInvalid: before.get(adId)!.valid - counts.valid,
        toValid: 0,
      }))
      .filter((a) => a.toInvalid > 0)
      .sort((a, b) => (a.adId < b.adId ? -1 : 1));
    // The clicks 2, 4, 6 and 8 s after their mint, and the browser and repeat ads' earlier clicks
    // (signed a minute before): exactly the first four.
    expect(expected).toEqual([{ adId: ads.mixed, toInvalid: 4, toValid: 0 }]);

    const report = await rebuild();
    expect(report.rules).toContain('too-fast/1(<10000ms)');
    expect(report.clicksMoved).toEqual({ toInvalid: 4, toValid: 0, ads: expected });
    expect(await projected(db.pool)).toEqual(after);
  });
});
