import {
  AppProcess,
  createTestDatabase,
  graphql,
  insertClicks,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

interface Point {
  start: string;
  clicks: number;
  botClicks: number;
  uniqueUsers: number;
  invalidClicks: number;
}

const SERIES = `query Series($adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!,
                             $timezone: String, $includeBots: Boolean) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity,
              timezone: $timezone, includeBots: $includeBots) { timezone points { start clicks botClicks uniqueUsers invalidClicks } }
}`;

const FROM = '2026-11-02T00:00:00Z';
const TO = '2026-11-05T00:00:00Z';

/**
 * The export a script or a spreadsheet pulls: GET /v1/ads/:adId/clicks.csv (and .ndjson), the
 * clickSeries question over plain HTTP, with the same key, scoping and limits.
 */
describe('click series export', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let key: string;
  let strangerKey: string;
  let adId: string;

  const get = (path: string, apiKey: string | null = key): Promise<Response> =>
    fetch(`${app.baseUrl}${path}`, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    });
  const query = (extra: Record<string, string> = {}): string =>
    new URLSearchParams({ from: FROM, to: TO, granularity: 'HOUR', ...extra }).toString();

  beforeAll(async () => {
    db = await createTestDatabase('export');
    app = await startApp('all-in-one', { DATABASE_URL: db.url, ...TEST_SECRETS });
    key = (
      await postJson<{ apiKey: string }>(
        app.baseUrl,
        '/v1/advertisers',
        { name: 'Exporter' },
        TEST_ADMIN_KEY,
      )
    ).body.apiKey;
    strangerKey = (
      await postJson<{ apiKey: string }>(
        app.baseUrl,
        '/v1/advertisers',
        { name: 'Stranger' },
        TEST_ADMIN_KEY,
      )
    ).body.apiKey;
    adId = (
      await postJson<{ adId: string }>(
        app.baseUrl,
        '/v1/ads',
        { name: 'Exported', targetUrl: 'https://shop.example/exported' },
        key,
      )
    ).body.adId;
    // Clicks spread over three days at known instants, some of them bots.
    const clicks = Array.from({ length: 300 }, (_, i) => ({
      adId,
      clickedAt: new Date(Date.parse(FROM) + i * 14 * 60_000 + (i % 7) * 1_000),
      userKey: `user-${i % 40}`,
      bot: i % 10 === 0,
      country: ['US', 'DE', 'IN'][i % 3],
      placement: i % 2 === 0 ? 'top-banner' : '=HYPERLINK("https://evil.example")',
    }));
    await insertClicks(db.pool, clicks);
    await waitForProjected(db.pool, 'click-buckets', clicks.length);
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  async function graphqlPoints(variables: Record<string, unknown>): Promise<Point[]> {
    const response = await graphql<{ clickSeries: { points: Point[] } }>(
      app.baseUrl,
      SERIES,
      { adId, from: FROM, to: TO, granularity: 'HOUR', ...variables },
      key,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.clickSeries.points;
  }

  it('writes a header and one row per bucket, with the numbers of clickSeries', async () => {
    const response = await get(`/v1/ads/${adId}/clicks.csv?${query({ timezone: 'Asia/Tokyo' })}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="clicks-${adId}-hour.csv"`,
    );
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('start,clicks,bot_clicks,unique_users,invalid_clicks');
    const rows = lines.slice(1).map((line) => line.split(','));

    const points = await graphqlPoints({ timezone: 'Asia/Tokyo' });
    expect(rows).toHaveLength(points.length);
    expect(rows).toHaveLength(72);
    rows.forEach(([start, clicks, bots, users], i) => {
      // Local time with the zone's offset, and the same instant as the GraphQL point.
      expect(start).toMatch(/^2026-11-0\dT\d\d:00:00\+09:00$/);
      expect(Date.parse(start)).toBe(Date.parse(points[i].start));
      expect([Number(clicks), Number(bots), Number(users)]).toEqual([
        points[i].clicks,
        points[i].botClicks,
        points[i].uniqueUsers,
      ]);
    });
    expect(rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(270);
    expect(rows.reduce((sum, row) => sum + Number(row[2]), 0)).toBe(30);
  });

  it('writes the same rows as NDJSON, bots included when asked', async () => {
    const response = await get(
      `/v1/ads/${adId}/clicks.ndjson?${query({ granularity: 'day', includeBots: 'true' })}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const rows = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const points = await graphqlPoints({ granularity: 'DAY', includeBots: true });
    expect(rows).toEqual(
      points.map((p) => ({
        start: p.start.replace(/\.000Z$/, '+00:00'),
        clicks: p.clicks,
        bot_clicks: p.botClicks,
        unique_users: p.uniqueUsers,
        invalid_clicks: p.invalidClicks,
      })),
    );
    expect(rows.reduce((sum, row) => sum + Number(row.clicks), 0)).toBe(300);
  });

  it("answers another advertiser's ad as one that does not exist, and needs a key", async () => {
    const stranger = await get(`/v1/ads/${adId}/clicks.csv?${query()}`, strangerKey);
    expect(stranger.status).toBe(404);
    const unknown = await get(`/v1/ads/00000000-0000-4000-8000-000000000000/clicks.csv?${query()}`);
    expect(stranger.status).toBe(unknown.status);
    const withoutId = async (response: Response) =>
      JSON.stringify(await response.json()).replace(/[0-9a-f-]{36}/g, '<id>');
    expect(await withoutId(stranger)).toBe(await withoutId(unknown));
    expect((await get(`/v1/ads/${adId}/clicks.csv?${query()}`, null)).status).toBe(401);
    expect((await get(`/v1/ads/${adId}/clicks.csv?${query()}`, TEST_ADMIN_KEY)).status).toBe(200);
  });

  it('exports a breakdown with the entries of clickBreakdown, and says the range it covers', async () => {
    const from = '2026-11-02T10:00:30Z';
    const response = await get(
      `/v1/ads/${adId}/breakdown.csv?from=${from}&to=${TO}&dimension=placement`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-range-from')).toBe('2026-11-02T10:00:00.000Z');
    expect(response.headers.get('x-range-to')).toBe('2026-11-05T00:00:00.000Z');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('value,clicks,bot_clicks,invalid_clicks');
    // A value a spreadsheet would run as a formula is written as text.
    expect(lines.some((line) => line.startsWith(`"'=HYPERLINK(`))).toBe(true);

    const answer = await graphql<{
      clickBreakdown: {
        entries: { value: string; clicks: number; botClicks: number; invalidClicks: number }[];
      };
    }>(
      app.baseUrl,
      `
        query ($adId: ID!, $from: DateTime!, $to: DateTime!) {
          clickBreakdown(adId: $adId, from: $from, to: $to, dimension: COUNTRY) {
            entries {
              value
              clicks
              botClicks
              invalidClicks
            }
          }
        }
      `,
      { adId, from, to: TO },
      key,
    );
    const ndjson = await get(
      `/v1/ads/${adId}/breakdown.ndjson?from=${from}&to=${TO}&dimension=COUNTRY`,
    );
    const rows = (await ndjson.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual(
      answer.data!.clickBreakdown.entries.map((e) => ({
        value: e.value,
        clicks: e.clicks,
        bot_clicks: e.botClicks,
        invalid_clicks: e.invalidClicks,
      })),
    );
    expect(rows.map((row) => row.value).sort()).toEqual(['DE', 'IN', 'US']);
    const bad = await get(`/v1/ads/${adId}/breakdown.csv?from=${from}&to=${TO}&dimension=shoe`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/dimension must be one of COUNTRY/);
  });

  it('refuses bad questions with a 400 that says what to fix', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ from: 'yesterday' }, /from must be an ISO 8601 date-time/],
      // What `new Date()` would take: a bare number, a date without a time or an offset, Feb 30.
      [{ from: '1', to: '2' }, /from must be an ISO 8601 date-time/],
      [{ from: '2026-11-02' }, /from must be an ISO 8601 date-time/],
      [{ to: '2026-11-05T00:00:00' }, /to must be an ISO 8601 date-time/],
      [{ from: '2026-02-30T00:00:00Z' }, /from must be an ISO 8601 date-time/],
      [{ from: '0000-12-30T00:00:00Z' }, /years 0001 and 9999/],
      [{ granularity: 'WEEK' }, /granularity must be one of MINUTE, HOUR, DAY/],
      [{ timezone: 'Mars/Olympus' }, /unknown timezone/],
      [{ includeBots: 'maybe' }, /includeBots must be true or false/],
      [{ from: TO, to: FROM }, /./],
      [{ granularity: 'MINUTE', from: '2026-01-01T00:00:00Z' }, /./],
      [{ shape: 'round' }, /shape should not exist/],
    ];
    for (const [extra, message] of cases) {
      const response = await get(`/v1/ads/${adId}/clicks.csv?${query(extra)}`);
      expect({ extra, status: response.status }).toEqual({ extra, status: 400 });
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    expect((await get(`/v1/ads/not-a-uuid/clicks.csv?${query()}`)).status).toBe(400);
  });
});
