import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
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
  TestClick,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots for people to look at; CI does not commit this folder (.gitignore). */
const SHOTS = join(__dirname, '..', '..', 'test-output', 'dashboard');
const HOUR = 3_600_000;
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'ES'];
const DEVICES = ['desktop', 'mobile', 'mobile', 'tablet'];

/**
 * A week of earlier clicks with a daily rhythm, written straight into the event log, so the
 * chart has a shape. They keep clear of the 24-hour range's moving edge (none between 20 and
 * 26 hours ago) and of the last two hours, so the test knows exactly which are in range.
 */
function history(adId: string, now: number): TestClick[] {
  const clicks: TestClick[] = [];
  for (let h = 2; h <= 156; h++) {
    if (h > 20 && h < 26) continue;
    const perHour = Math.round(4 + 3 * Math.sin(((now / HOUR - h) * 2 * Math.PI) / 24));
    for (let k = 0; k < perHour; k++) {
      const i = clicks.length;
      clicks.push({
        adId,
        clickedAt: new Date(now - h * HOUR + k * 7 * 60_000),
        userKey: `earlier-user-${i % 60}`,
        country: COUNTRIES[i % COUNTRIES.length],
        device: DEVICES[i % DEVICES.length],
        bot: i % 15 === 0,
      });
    }
  }
  return clicks;
}

/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the
 * real all-in-one app: clicks made through /c/:token during the test show up on screen.
 */
describe('dashboard in a browser', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let browser: Browser;
  let acmeKey: string;
  let emptyKey: string;
  let adId: string;
  let clicksMade = 0;
  /** Clicks made through /c/:token that the projection judges valid. */
  let validClicksMade = 0;
  /** Valid (non-bot) earlier clicks: all of them, and those inside the last 24 hours. */
  let earlierValid = 0;
  let earlierValidLastDay = 0;
  /** Every earlier click, bots included, and those inside the last 24 hours. */
  let earlierTotal = 0;
  let earlierLastDay = 0;

  async function createAdvertiser(name: string): Promise<string> {
    const created = await graphql<{ createAdvertiser: { apiKey: string } }>(
      app.baseUrl,
      'mutation($name: String!) { createAdvertiser(name: $name) { apiKey } }',
      { name },
      TEST_ADMIN_KEY,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createAdvertiser.apiKey;
  }

  async function registerAd(name: string): Promise<string> {
    const registered = await graphql<{ registerAd: { id: string } }>(
      app.baseUrl,
      'mutation($input: RegisterAdInput!) { registerAd(input: $input) { id } }',
      { input: { name, targetUrl: `https://shop.example/${encodeURIComponent(name)}` } },
      acmeKey,
    );
    expect(registered.errors).toBeUndefined();
    return registered.data!.registerAd.id;
  }

  /** Real clicks: signed links minted by the API, followed like a browser would. */
  async function clickThrough(count: number): Promise<void> {
    const minted = await postJson<{ impressions: { clickUrl: string }[] }>(
      app.baseUrl,
      '/v1/impressions',
      {
        impressions: Array.from({ length: count }, (_, i) => ({
          adId,
          userId: `person-${clicksMade + i}`,
          country: i % 2 === 0 ? 'DE' : 'FR',
        })),
      },
      acmeKey,
    );
    expect(minted.status).toBe(201);
    for (const { clickUrl } of minted.body.impressions)
      expect((await click(clickUrl)).status).toBe(302);
    clicksMade += count;
    validClicksMade += count;
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(app.baseUrl);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function openWinterSale(page: Page): Promise<void> {
    await signIn(page, acmeKey);
    await page
      .getByRole('list', { name: 'Ads' })
      .getByRole('button', { name: /Winter sale/ })
      .click();
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `no Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`,
      );
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase('dashboard');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-dashboard-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    acmeKey = await createAdvertiser('Acme');
    emptyKey = await createAdvertiser('Initech');
    adId = await registerAd('Winter sale');
    await registerAd('Spring sale');
    const now = Date.now();
    const earlier = history(adId, now);
    await insertClicks(db.pool, earlier);
    const valid = earlier.filter((c) => !c.bot);
    earlierValid = valid.length;
    earlierValidLastDay = valid.filter((c) => c.clickedAt.getTime() > now - 20.5 * HOUR).length;
    earlierTotal = earlier.length;
    earlierLastDay = earlier.filter((c) => c.clickedAt.getTime() > now - 20.5 * HOUR).length;
    await clickThrough(2);
    await waitForProjected(db.pool, 'click-buckets', earlier.length + clicksMade);
    await waitForProjected(db.pool, 'ad-catalog', 2);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the built app at / with a strict content security policy', async () => {
    const index = await fetch(`${app.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await index.text();
    const script = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.baseUrl}/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${app.baseUrl}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/no dashboard asset/);
  });

  it('lets an advertiser sign in, watch clicks arrive, switch granularity and export CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, 'not-a-real-key-0123456789');
      await page.getByRole('alert').getByText('That key was not accepted').waitFor();

      await page.getByLabel('API key').fill(acmeKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const ads = page.getByRole('list', { name: 'Ads' });
      await ads.getByRole('button', { name: /Winter sale/ }).waitFor();
      await ads.getByRole('button', { name: /Spring sale/ }).waitFor();
      const n = (x: number) => x.toLocaleString('en');
      await ads
        .getByRole('button', { name: new RegExp(`Winter sale.*\\b${n(earlierValid + 2)} clicks`) })
        .waitFor();

      await ads.getByRole('button', { name: /Winter sale/ }).click();
      const totals = page.getByTestId('range-totals');
      const inRange = (live: number) => new RegExp(`^${n(earlierValidLastDay + live)} clicks`);
      await totals.getByText(inRange(2)).waitFor();
      expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
      await page
        .getByTestId('freshness')
        .getByText(/Live · data as of/)
        .waitFor();

      // Clicks made now appear without touching the page: it refreshes itself while live.
      await clickThrough(3);
      await totals.getByText(inRange(5)).waitFor({ timeout: 30_000 });

      await page.getByRole('radio', { name: 'Minute', exact: true }).check();
      await totals.getByText(inRange(5)).waitFor();
      // The table's summary counts the rows it shows (only buckets with clicks) and the range's.
      const summary = page.getByText(
        /Data as a table \([\d,]+ buckets? with clicks, of 1,?4\d\d\)/,
      );
      await summary.waitFor();
      const shownRows = Number(
        /\(([\d,]+) bucket/.exec(await summary.innerText())![1].replace(/,/g, ''),
      );
      await summary.click();
      expect(await page.locator('.data-table tbody tr').count()).toBe(shownRows);
      await page
        .getByRole('region', { name: 'By country' })
        .getByRole('row', { name: /^DE/ })
        .waitFor();
      const devices = page.getByRole('region', { name: 'By device' });
      await devices.getByRole('row', { name: /^mobile/ }).waitFor();
      // Bots are hidden, so their device class has nothing to show and no row.
      expect(await devices.getByRole('row', { name: /^bot/ }).count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^clicks-winter-sale-minute-\d{4}-\d\d-\d\d\.csv$/,
      );
      const csv = readFileSync(await download.path(), 'utf8')
        .trim()
        .split(/\r\n/);
      expect(csv[0]).toBe('start,clicks,bot_clicks,unique_users,invalid_clicks');
      const rows = csv.slice(1).map((line) => line.split(','));
      expect(rows.length).toBeGreaterThanOrEqual(1440);
      // The server's export (GET /v1/ads/:adId/clicks.csv): local starts with their offset.
      for (const [start] of rows)
        expect(start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00(Z|[+-]\d\d:\d\d)$/);
      expect(rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(earlierValidLastDay + 5);

      // The week, hourly, for the picture in the README.
      await page.getByLabel('Last 7 days').check();
      await totals.getByText(new RegExp(`^${n(earlierValid + 5)} clicks`)).waitFor();
      expect(await page.getByRole('radio', { name: 'Hour', exact: true }).isChecked()).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'advertiser.png'), fullPage: true });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('shows valid against invalid clicks and why the invalid ones were refused', async () => {
    // Two clicks the projection judges invalid, made the way the traffic arrives: a link
    // previewer announcing a prefetch, and a crawler. Earlier bot clicks in the log count as bot.
    const minted = await postJson<{ impressions: { clickUrl: string }[] }>(
      app.baseUrl,
      '/v1/impressions',
      {
        impressions: [
          { adId, userId: 'previewer', country: 'DE' },
          { adId, userId: 'crawler', country: 'FR' },
        ],
      },
      acmeKey,
    );
    expect(minted.status).toBe(201);
    const [prefetched, crawled] = minted.body.impressions.map((i) => i.clickUrl);
    expect((await click(prefetched, { headers: { 'sec-purpose': 'prefetch' } })).status).toBe(302);
    expect(
      (await click(crawled, { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }))
        .status,
    ).toBe(302);
    clicksMade += 2;
    const earlierBotsLastDay = earlierLastDay - earlierValidLastDay;
    await waitForProjected(db.pool, 'click-buckets', earlierTotal + clicksMade);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openWinterSale(page);
      const n = (x: number) => x.toLocaleString('en');
      await page
        .getByTestId('quality-totals')
        .getByText(
          new RegExp(
            `^Valid ${n(earlierValidLastDay + validClicksMade)} · invalid ${n(earlierBotsLastDay + 2)}\\b`,
          ),
        )
        .waitFor();
      const reasons = page.getByRole('region', { name: 'Invalid clicks by reason' });
      await reasons
        .getByRole('row', { name: new RegExp(`^bot\\s+${n(earlierBotsLastDay + 1)}$`) })
        .waitFor();
      await reasons.getByRole('row', { name: /^prefetch\s+1$/ }).waitFor();
      expect(await reasons.getByRole('row').count()).toBe(2);
      await page.screenshot({ path: join(SHOTS, 'quality.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('tells a new advertiser it has no ads yet', async () => {
    const page = await browser.newPage();
    try {
      await signIn(page, emptyKey);
      await page.getByText('No ads yet.').waitFor();
      await page.getByText('No clicks in the last hour.').waitFor();
    } finally {
      await page.close();
    }
  });

  it('lets the operator start a rebuild and read its reconciliation report', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, TEST_ADMIN_KEY);
      // The operator sees every advertiser's ads, each with its advertiser's name.
      await page
        .getByRole('list', { name: 'Ads' })
        .getByRole('button', { name: /Winter sale.*Acme/ })
        .waitFor();
      await page.getByRole('button', { name: 'Operations' }).click();
      const projections = page.getByRole('table', { name: 'Projections' });
      await projections.getByRole('row', { name: /click-buckets/ }).waitFor();
      await projections.getByRole('row', { name: /ad-catalog/ }).waitFor();

      await page.getByRole('button', { name: 'Rebuild all projections' }).click();
      for (const projection of ['click-buckets', 'ad-catalog']) {
        const card = page.getByRole('article', { name: `Rebuild of ${projection}` });
        await card.getByText('swapped in').waitFor({ timeout: 60_000 });
        await card
          .getByTestId('rebuild-report')
          .getByText(/0 of [\d,]+ rows differed/)
          .waitFor();
      }
      await page
        .getByRole('article', { name: 'Rebuild of click-buckets' })
        .getByText(/\b([\d,]+) of \1 events/)
        .waitFor();
      await page.getByRole('button', { name: 'Rebuild all projections' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'operator.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("offers canonical zone names, and never leaves a zone's data under the next one's error", async () => {
    const page = await browser.newPage({ timezoneId: 'Asia/Kolkata' });
    try {
      await openWinterSale(page);
      const totals = page.getByTestId('range-totals');
      await totals.waitFor();
      // Chromium calls the browser's own zone Asia/Calcutta; the dashboard says Asia/Kolkata.
      const zone = page.getByLabel('Time zone');
      expect(await zone.inputValue()).toBe('Asia/Kolkata');
      const names = await zone.locator('option').allTextContents();
      expect(names).toContain('Asia/Kathmandu');
      expect(names.filter((n) => /Calcutta|Katmandu|Saigon|Kiev/.test(n))).toEqual([]);
      expect(await page.getByRole('alert').count()).toBe(0);

      // Days across Lord Howe Island's half-hour DST change cannot be answered: the error must
      // stand alone, not under the totals and chart of the zone asked before.
      await page.getByLabel('Custom').check();
      await page.getByRole('textbox', { name: 'From', exact: true }).fill('2026-04-04T05:30');
      await page.getByRole('textbox', { name: 'To', exact: true }).fill('2026-04-07T05:30');
      await page.getByRole('radio', { name: 'Day', exact: true }).check();
      await zone.selectOption('UTC');
      await totals.getByText(/clicks/).waitFor();
      await zone.selectOption('Australia/Lord_Howe');
      await page
        .getByRole('alert')
        .getByText(/Lord_Howe/)
        .waitFor();
      expect(await totals.count()).toBe(0);
      expect(await page.locator('.chart canvas').count()).toBe(0);

      // Whole UTC days over a range of whole UTC days: nothing rounded, nothing said. Then
      // hours over a range ending at 00:15 UTC: the last hour runs past it, and the page says so.
      await zone.selectOption('UTC');
      await totals.getByText(/clicks/).waitFor();
      expect(await page.getByTestId('rounded-note').count()).toBe(0);
      await page.getByRole('radio', { name: 'Hour', exact: true }).check();
      await page.getByRole('textbox', { name: 'To', exact: true }).fill('2026-04-07T05:45');
      await page
        .getByTestId('rounded-note')
        .getByText(/^Rounded out to whole hours: the last hour runs past the range's end/)
        .waitFor();
    } finally {
      await page.close();
    }
  });

  it('says so when the server cannot be reached', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(app.baseUrl);
      await app.stop();
      await page.getByLabel('API key').fill(acmeKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The server cannot be reached').waitFor();
    } finally {
      await page.close();
    }
  });
});
