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
  uniqueUsers: number | null;
}

const SERIES = `query Series($adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!,
                             $timezone: String, $filter: ClickFilter) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity,
              timezone: $timezone, filter: $filter) { points { start clicks botClicks uniqueUsers } }
}`;
const TOTALS = `query Totals($adIds: [ID!]!, $from: DateTime!, $to: DateTime!, $filter: ClickFilter) {
  clickTotals(adIds: $adIds, from: $from, to: $to, filter: $filter) {
    from to ads { adId clicks botClicks uniqueUsers }
  }
}`;

const FROM = '2026-11-02T00:00:00Z';
const TO = '2026-11-05T00:00:00Z';
const COUNTRIES = ['US', 'DE', 'IN', null];
const DEVICES = ['desktop', 'mobile', 'tablet', 'desktop', 'mobile'];
const PLACEMENTS = ['top-banner', 'sidebar', null, 'home, top'];

/**
 * Filters on clickSeries and clickTotals, answered from the breakdown read models: every
 * filtered number is checked against a count made directly from the event log.
 */
describe('click filters', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let key: string;
  const adIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('filters');
    app = await startApp('all-in-one', { DATABASE_URL: db.url, ...TEST_SECRETS });
    key = (
      await postJson<{ apiKey: string }>(
        app.baseUrl,
        '/v1/advertisers',
        { name: 'Filterer' },
        TEST_ADMIN_KEY,
      )
    ).body.apiKey;
    for (const name of ['Filtered', 'Other'])
      adIds.push(
        (
          await postJson<{ adId: string }>(
            app.baseUrl,
            '/v1/ads',
            { name, targetUrl: 'https://shop.example/f' },
            key,
          )
        ).body.adId,
      );
    // Every 7 minutes and a few seconds over three days: clicks on :29/:30/:44/:45 and on
    // every side of the quarter-hour boundaries that Indian and Nepali hours start on.
    const clicks = Array.from({ length: 1_200 }, (_, i) => ({
      adId: adIds[i % 5 === 0 ? 1 : 0],
      clickedAt: new Date(Date.parse(FROM) + (i * 7 * 60_000) / 2 + (i % 13) * 1_000),
      userKey: `user-${i % 50}`,
      bot: i % 11 === 0,
      country: COUNTRIES[i % 4],
      device: i % 11 === 0 ? 'bot' : DEVICES[i % 5],
      placement: PLACEMENTS[i % 3],
    }));
    await insertClicks(db.pool, clicks);
    await waitForProjected(db.pool, 'click-buckets', clicks.length);
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  /** Clicks and bot clicks per local bucket of one ad, counted from the log itself. */
  async function logCounts(
    adId: string,
    unit: 'minute' | 'hour' | 'day',
    timezone: string,
    field: 'country' | 'device' | 'placement',
    values: string[],
  ): Promise<Map<number, { clicks: number; botClicks: number }>> {
    const { rows } = await db.pool.query<{ start: Date; clicks: string; bots: string }>(
      `SELECT date_trunc($2, (data->>'clickedAt')::timestamptz, $3) AS start,
              count(*) FILTER (WHERE NOT (data->>'bot')::boolean) AS clicks,
              count(*) FILTER (WHERE (data->>'bot')::boolean) AS bots
         FROM events
        WHERE event_type = 'ClickRecorded' AND data->>'adId' = $1
          AND coalesce(data->>$4, 'unknown') = ANY($5::text[])
        GROUP BY 1`,
      [adId, unit, timezone, field, values],
    );
    return new Map(
      rows.map((r) => [r.start.getTime(), { clicks: Number(r.clicks), botClicks: Number(r.bots) }]),
    );
  }

  async function series(variables: Record<string, unknown>): Promise<Point[]> {
    const response = await graphql<{ clickSeries: { points: Point[] } }>(
      app.baseUrl,
      SERIES,
      { adId: adIds[0], from: FROM, to: TO, ...variables },
      key,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.clickSeries.points;
  }

  it.each([
    ['HOUR', 'UTC'],
    ['DAY', 'UTC'],
    ['HOUR', 'Asia/Kolkata'],
    ['DAY', 'Asia/Kolkata'],
    ['HOUR', 'Asia/Kathmandu'],
    ['DAY', 'Asia/Kathmandu'],
    ['DAY', 'America/New_York'],
  ])(
    'a %s series in %s filtered by country equals a count from the log',
    async (granularity, timezone) => {
      const values = ['US', 'unknown'];
      const points = await series({ granularity, timezone, filter: { country: values } });
      const truth = await logCounts(
        adIds[0],
        granularity.toLowerCase() as 'hour' | 'day',
        timezone,
        'country',
        values,
      );
      const got = new Map(
        points
          .filter((p) => p.clicks + p.botClicks > 0)
          .map((p) => [Date.parse(p.start), { clicks: p.clicks, botClicks: p.botClicks }]),
      );
      expect(got).toEqual(truth);
      expect(truth.size).toBeGreaterThan(2);
      expect(points.every((p) => p.uniqueUsers === null)).toBe(true);
    },
  );

  it('filters a minute series by device and by placement, one value or a list', async () => {
    const from = '2026-11-03T10:00:00Z';
    const to = '2026-11-03T14:00:00Z';
    for (const [field, filter] of [
      ['device', { device: 'mobile' }],
      ['placement', { placement: ['sidebar', 'unknown'] }],
    ] as const) {
      const values = ([] as string[]).concat(Object.values(filter)[0]);
      const points = await series({ from, to, granularity: 'MINUTE', timezone: 'UTC', filter });
      const truth = await logCounts(adIds[0], 'minute', 'UTC', field, values);
      expect(points).toHaveLength(240);
      for (const p of points)
        expect({ clicks: p.clicks, botClicks: p.botClicks }).toEqual(
          truth.get(Date.parse(p.start)) ?? { clicks: 0, botClicks: 0 },
        );
      expect(points.reduce((n, p) => n + p.clicks, 0)).toBeGreaterThan(10);
    }
  });

  it('filters totals of several ads over a ragged range', async () => {
    // Minutes at both ends, hours next to them, whole days in the middle.
    const from = '2026-11-02T05:37:00Z';
    const to = '2026-11-04T19:13:00Z';
    const response = await graphql<{
      clickTotals: {
        ads: { adId: string; clicks: number; botClicks: number; uniqueUsers: null }[];
      };
    }>(app.baseUrl, TOTALS, { adIds, from, to, filter: { country: ['de', 'IN'] } }, key);
    expect(response.errors).toBeUndefined();
    const { rows } = await db.pool.query<{ ad: string; clicks: string; bots: string }>(
      `SELECT data->>'adId' AS ad,
              count(*) FILTER (WHERE NOT (data->>'bot')::boolean) AS clicks,
              count(*) FILTER (WHERE (data->>'bot')::boolean) AS bots
         FROM events
        WHERE event_type = 'ClickRecorded' AND data->>'country' IN ('DE', 'IN')
          AND (data->>'clickedAt')::timestamptz >= $1 AND (data->>'clickedAt')::timestamptz < $2
        GROUP BY 1`,
      [from, to],
    );
    expect(response.data!.clickTotals.ads).toEqual(
      adIds.map((adId) => {
        const row = rows.find((r) => r.ad === adId)!;
        return { adId, clicks: Number(row.clicks), botClicks: Number(row.bots), uniqueUsers: null };
      }),
    );
  });

  it('filters by browser, OS and referrer, parsed from version 2 events, and exports them', async () => {
    const adId = (
      await postJson<{ adId: string }>(
        app.baseUrl,
        '/v1/ads',
        { name: 'Visitors', targetUrl: 'https://shop.example/v' },
        key,
      )
    ).body.adId;
    const agents = [
      [
        'Firefox',
        'Windows',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ],
      [
        'Chrome',
        'Linux',
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ],
      [
        'Safari',
        'macOS',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      ],
    ] as const;
    const referrers = ['news.example.com', null, 'mail.example.org', 'news.example.com'];
    const visits = Array.from({ length: 300 }, (_, i) => ({
      adId,
      clickedAt: new Date(Date.parse(FROM) + i * 11 * 60_000 + (i % 7) * 1_000),
      userKey: `visitor-${i % 40}`,
      agent: agents[i % 3],
      referrer: referrers[i % 4],
    }));
    await insertClicks(
      db.pool,
      visits.map((v) => ({
        adId: v.adId,
        clickedAt: v.clickedAt,
        userKey: v.userKey,
        facts: { userAgent: v.agent[2], referrerHost: v.referrer },
      })),
    );
    await waitForProjected(db.pool, 'click-buckets', 1_200 + visits.length);

    // The truth is the list written: one browser, OS and referrer per click, all valid.
    const perDay = (keep: (v: (typeof visits)[number]) => boolean) => {
      const days = new Map<number, number>();
      for (const v of visits.filter(keep)) {
        const day = Math.floor(v.clickedAt.getTime() / 86_400_000) * 86_400_000;
        days.set(day, (days.get(day) ?? 0) + 1);
      }
      return days;
    };
    for (const [filter, keep] of [
      [{ browser: ['Firefox', 'Safari'] }, (v: (typeof visits)[number]) => v.agent[0] !== 'Chrome'],
      [{ os: ['Linux'] }, (v: (typeof visits)[number]) => v.agent[1] === 'Linux'],
      [
        { referrer: ['news.example.com', 'none'] },
        (v: (typeof visits)[number]) => v.referrer !== 'mail.example.org',
      ],
    ] as const) {
      const points = await series({ adId, granularity: 'DAY', timezone: 'UTC', filter });
      const got = new Map(
        points.filter((p) => p.clicks > 0).map((p) => [Date.parse(p.start), p.clicks]),
      );
      expect({ filter, got }).toEqual({ filter, got: perDay(keep) });
    }
    // The export takes the same names, repeated (a name may hold a space or a comma).
    const exported = await fetch(
      `${app.baseUrl}/v1/ads/${adId}/clicks.ndjson?from=${FROM}&to=${TO}&granularity=day&browser=Firefox&browser=Safari`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(exported.status).toBe(200);
    const total = (await exported.text())
      .trim()
      .split('\n')
      .reduce((n, line) => n + (JSON.parse(line) as { clicks: number }).clicks, 0);
    expect(total).toBe(visits.filter((v) => v.agent[0] !== 'Chrome').length);
    // Names are exact: a browser the log never saw matches nothing, and two dimensions are refused.
    const none = await series({ adId, granularity: 'DAY', filter: { browser: ['firefox'] } });
    expect(none.every((p) => p.clicks === 0)).toBe(true);
    const both = await graphql(
      app.baseUrl,
      SERIES,
      {
        adId,
        from: FROM,
        to: TO,
        granularity: 'DAY',
        filter: { browser: ['Chrome'], os: ['Linux'] },
      },
      key,
    );
    expect(both.errors![0].message).toMatch(/browser and os together/);
  });

  it('refuses a filter on two dimensions, and bad values, with a message', async () => {
    const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }): unknown[] =>
      (r.errors ?? []).map((e) => e.extensions?.reason ?? e.extensions?.code);
    const both = await graphql(
      app.baseUrl,
      SERIES,
      {
        adId: adIds[0],
        from: FROM,
        to: TO,
        granularity: 'DAY',
        filter: { country: 'US', device: 'mobile' },
      },
      key,
    );
    expect(codes(both)).toEqual(['UNSUPPORTED_FILTER']);
    expect(both.errors![0].message).toMatch(/country and device together.*one of them/);
    for (const filter of [{ country: ['USA'] }, { device: ['phone'] }, { country: [] }]) {
      const bad = await graphql(app.baseUrl, TOTALS, { adIds, from: FROM, to: TO, filter }, key);
      expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('exports a filtered series with the numbers of GraphQL, users left empty', async () => {
    const params = new URLSearchParams({
      from: FROM,
      to: TO,
      granularity: 'hour',
      timezone: 'Asia/Kolkata',
      country: 'US,unknown',
    });
    const response = await fetch(`${app.baseUrl}/v1/ads/${adIds[0]}/clicks.csv?${params}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    const rows = (await response.text()).trim().split('\r\n').slice(1);
    const points = await series({
      granularity: 'HOUR',
      timezone: 'Asia/Kolkata',
      filter: { country: ['US', 'unknown'] },
    });
    // clicks, bot_clicks, unique_users (invalid_clicks follows, last).
    expect(rows.map((row) => row.split(',').slice(1, 4))).toEqual(
      points.map((p) => [String(p.clicks), String(p.botClicks), '']),
    );
    // Lists by commas, by repetition or both; placements exactly as sent, commas and all.
    for (const [query, field, values] of [
      ['country=us,DE&country=Unknown', 'country', ['US', 'DE', 'unknown']],
      ['device=Mobile&device=tablet,desktop', 'device', ['mobile', 'tablet', 'desktop']],
      ['placement=home,%20top&placement=sidebar', 'placement', ['home, top', 'sidebar']],
    ] as const) {
      const filtered = await fetch(
        `${app.baseUrl}/v1/ads/${adIds[0]}/clicks.ndjson?from=${FROM}&to=${TO}&granularity=day&${query}`,
        { headers: { authorization: `Bearer ${key}` } },
      );
      expect(filtered.status).toBe(200);
      const days = (await filtered.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { clicks: number; bot_clicks: number });
      const truth = await logCounts(adIds[0], 'day', 'UTC', field, [...values]);
      const sum = (n: number, c: { clicks: number }) => n + c.clicks;
      expect(days.reduce(sum, 0)).toBe([...truth.values()].reduce(sum, 0));
      expect(days.reduce(sum, 0)).toBeGreaterThan(0);
    }
    for (const bad of ['placement=', 'country=US,', 'device=phone'])
      expect(
        (
          await fetch(
            `${app.baseUrl}/v1/ads/${adIds[0]}/clicks.csv?from=${FROM}&to=${TO}&granularity=day&${bad}`,
            {
              headers: { authorization: `Bearer ${key}` },
            },
          )
        ).status,
      ).toBe(400);
    const twoDimensions = await fetch(
      `${app.baseUrl}/v1/ads/${adIds[0]}/clicks.csv?${params}&device=mobile`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(twoDimensions.status).toBe(400);
    expect(await twoDimensions.text()).toMatch(/country and device together/);
  });
});
