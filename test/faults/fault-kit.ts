import { bucketMismatches, click, postJson, TEST_ADMIN_KEY, waitForProjected } from '@app/testing';
import { Pool } from 'pg';

export interface Impression {
  readonly impressionId: string;
  readonly clickUrl: string;
}

export interface ClickResult {
  readonly impressionId: string;
  readonly status: number;
  readonly location: string | null;
  readonly ms: number;
}

/** An advertiser with `ads` ads, through the product's own REST API. */
export async function advertiserWithAds(
  baseUrl: string,
  ads: number,
): Promise<{ key: string; adIds: string[]; targets: Map<string, string> }> {
  const advertiser = await postJson<{ apiKey: string }>(
    baseUrl,
    '/v1/advertisers',
    { name: 'Fault tester' },
    TEST_ADMIN_KEY,
  );
  if (advertiser.status !== 201) throw new Error(`advertiser: ${advertiser.status}`);
  const key = advertiser.body.apiKey;
  const adIds: string[] = [];
  const targets = new Map<string, string>();
  for (let i = 0; i < ads; i++) {
    const targetUrl = `https://shop.example/landing-${i}`;
    const ad = await postJson<{ adId: string }>(
      baseUrl,
      '/v1/ads',
      { name: `Ad ${i}`, targetUrl },
      key,
    );
    if (ad.status !== 201) throw new Error(`ad: ${ad.status}`);
    adIds.push(ad.body.adId);
    targets.set(ad.body.adId, targetUrl);
  }
  return { key, adIds, targets };
}

/** Signed click links, minted in batches of 1,000 (the API's limit). */
export async function mint(
  baseUrl: string,
  key: string,
  adId: string,
  count: number,
): Promise<Impression[]> {
  const minted: Impression[] = [];
  while (minted.length < count) {
    const n = Math.min(1_000, count - minted.length);
    const response = await postJson<{ impressions: Impression[] }>(
      baseUrl,
      '/v1/impressions',
      { impressions: Array.from({ length: n }, () => ({ adId })) },
      key,
    );
    if (response.status !== 201) throw new Error(`mint: ${response.status}`);
    minted.push(...response.body.impressions);
  }
  return minted;
}

/** One click per link, at a steady rate, every answer and its latency kept. */
export class ClickLoad {
  private readonly results: Promise<ClickResult>[] = [];
  private timer?: NodeJS.Timeout;
  private next = 0;

  constructor(
    private readonly links: readonly Impression[],
    private readonly perSecond: number,
    private readonly baseUrl?: string,
  ) {}

  start(): this {
    const tick = 20;
    const perTick = Math.max(1, Math.round((this.perSecond * tick) / 1000));
    this.timer = setInterval(() => {
      for (let i = 0; i < perTick && this.next < this.links.length; i++)
        this.results.push(this.send(this.links[this.next++]));
    }, tick);
    return this;
  }

  get sent(): number {
    return this.next;
  }

  /** Sends every link, then waits for every answer. */
  async finish(): Promise<ClickResult[]> {
    while (this.next < this.links.length) await sleep(20);
    return this.stop();
  }

  /** Stops sending and waits for every answer. */
  async stop(): Promise<ClickResult[]> {
    clearInterval(this.timer);
    return Promise.all(this.results);
  }

  private async send(link: Impression): Promise<ClickResult> {
    const url = this.baseUrl
      ? link.clickUrl.replace(/^https?:\/\/[^/]+/, this.baseUrl)
      : link.clickUrl;
    const started = Date.now();
    try {
      const response = await click(url);
      return {
        impressionId: link.impressionId,
        status: response.status,
        location: response.headers.get('location'),
        ms: Date.now() - started,
      };
    } catch {
      return {
        impressionId: link.impressionId,
        status: 0,
        location: null,
        ms: Date.now() - started,
      };
    }
  }
}

/** How often each impression is in the log (only impressions that are there at all). */
export async function recordedCounts(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ impression: string; n: string }>(
    `SELECT data->>'impressionId' AS impression, count(*) AS n FROM events
     WHERE event_type = 'ClickRecorded' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.impression, Number(r.n)]));
}

/**
 * The promise, checked exactly: every click that got a 302 is in the log once (less `lost`
 * clicks, which the product counted because both the store and the disk failed), nothing else
 * is, and the read models count each logged click once.
 */
export async function expectExactlyRecorded(
  pool: Pool,
  results: readonly ClickResult[],
  lost = 0,
): Promise<{ acknowledged: number; recorded: number }> {
  const acknowledged = results.filter((r) => r.status === 302).map((r) => r.impressionId);
  expect(results.filter((r) => r.status !== 302)).toEqual([]);
  const recorded = await recordedCounts(pool);
  const twice = [...recorded].filter(([, n]) => n !== 1);
  expect(twice).toEqual([]);
  const acked = new Set(acknowledged);
  const strangers = [...recorded.keys()].filter((id) => !acked.has(id));
  expect(strangers).toEqual([]);
  expect(recorded.size).toBe(acknowledged.length - lost);

  await waitForProjected(pool, 'click-buckets', recorded.size, 120_000);
  expect(await bucketMismatches(pool, 'minute')).toEqual([]);
  const { rows } = await pool.query<{ n: string }>(
    'SELECT coalesce(sum(clicks + bot_clicks), 0) AS n FROM click_minute',
  );
  expect(Number(rows[0].n)).toBe(recorded.size);
  // The figures a reader of the CI log wants for each fault.
  console.info(
    `${expect.getState().currentTestName}: ${results.length} clicks sent, ${acknowledged.length} got a 302, ${recorded.size} recorded once, ${lost} lost (counted)`,
  );
  return { acknowledged: acknowledged.length, recorded: recorded.size };
}

export async function metric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

export async function readiness(
  baseUrl: string,
): Promise<{ status: number; checks: Record<string, { ready: boolean; detail?: unknown }> }> {
  const response = await fetch(`${baseUrl}/readyz`);
  const body = (await response.json()) as {
    checks: Record<string, { ready: boolean; detail?: unknown }>;
  };
  return { status: response.status, checks: body.checks };
}

/** Polls until `done()` holds, or fails with the last value `describe()` gives. */
export async function waitUntil(
  done: () => Promise<boolean>,
  describe: () => Promise<string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out: ${await describe()}`);
}

export async function spoolPending(baseUrl: string): Promise<number> {
  const ready = await readiness(baseUrl);
  return (ready.checks['click-spool'].detail as { pending: number }).pending;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
