import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { repositoryRoot } from '@app/runtime';

/**
 * The LTS lines `engines` names, fetched by `pretest` (test/ensure-node-lts.mjs), and the
 * machine's own Node when CI runs the suite on another one (.ci/run sets SYSTEM_NODE): that
 * is the one the README's `npm ci && npm start` runs on.
 */
const LINES = [
  ...['22', '24'].map((major) => ({
    major,
    label: major,
    binary: join(repositoryRoot(), '.cache', 'node', major, 'bin', 'node'),
  })),
  ...systemNode(),
];

function systemNode(): { major: string; label: string; binary: string }[] {
  const binary = process.env.SYSTEM_NODE;
  if (!binary || realpathSync(binary) === realpathSync(process.execPath)) return [];
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  const major = version.replace(/^v(\d+).*$/, '$1');
  return [{ major, label: `${major} (the machine's own)`, binary }];
}

/** Start the product on each supported LTS line and follow one click from link to read model. */
describe.each(LINES)('on Node.js $label', ({ major, binary }) => {
  const available = existsSync(binary);
  let db: TestDatabase;
  let app: AppProcess;
  const dataDir = mkdtempSync(join(tmpdir(), `clickstream-node${major}-`));

  beforeAll(async () => {
    if (!available) return;
    db = await createTestDatabase(`node${major}`);
    app = await startApp(
      'all-in-one',
      { DATABASE_URL: db.url, DATA_DIR: dataDir, ...TEST_SECRETS },
      60_000,
      binary,
    );
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  (available ? it : it.skip)('starts, redirects a click and projects it', async () => {
    // The product really runs on that binary (not on the one running the tests).
    expect(readlinkSync(`/proc/${app.child.pid}/exe`)).toBe(realpathSync(binary));
    const advertiser = await postJson<{ apiKey: string }>(
      app.baseUrl,
      '/v1/advertisers',
      { name: `Node ${major}` },
      TEST_ADMIN_KEY,
    );
    expect(advertiser.status).toBe(201);
    const key = advertiser.body.apiKey;
    const ad = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'smoke', targetUrl: 'https://shop.example/smoke' },
      key,
    );
    expect(ad.status).toBe(201);
    const minted = await postJson<{ clickUrl: string }>(
      app.baseUrl,
      '/v1/impressions',
      { adId: ad.body.adId },
      key,
    );
    expect(minted.status).toBe(201);

    const response = await click(minted.body.clickUrl);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://shop.example/smoke');
    await waitForProjected(db.pool, 'click-buckets', 1);
    const { rows } = await db.pool.query<{ clicks: string }>(
      'SELECT sum(clicks + bot_clicks) AS clicks FROM click_day WHERE ad_id = $1',
      [ad.body.adId],
    );
    expect(Number(rows[0].clicks)).toBe(1);
  });
});
