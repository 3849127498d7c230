import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AD_EVENT_TYPES } from '@app/contracts';
import {
  AppProcess,
  click,
  createTestDatabase,
  graphql,
  GraphqlResponse,
  insertClicks,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

interface TypeRef {
  name: string | null;
  ofType?: { name: string | null } | null;
}

const BOT_UA = 'Googlebot/2.1 (+http://www.google.com/bot.html)';

interface Point {
  start: string;
  clicks: number;
  botClicks: number;
  uniqueUsers: number;
}

const SERIES = `query Series($adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!,
                             $timezone: String, $includeBots: Boolean, $filter: ClickFilter) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity,
              timezone: $timezone, includeBots: $includeBots, filter: $filter) {
    adId granularity timezone asOf points { start clicks botClicks uniqueUsers }
  }
}`;

/**
 * The advertiser's questions end to end: clicks made through /c/:token on the real app, read
 * back over GraphQL from the projected read models.
 */
describe('GraphQL query side', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let acmeKey: string;
  let globexKey: string;
  let adId: string;
  const human = 6;
  const bots = 2;

  const gql = <T>(query: string, variables: Record<string, unknown>, key?: string) =>
    graphql<T>(app.baseUrl, query, variables, key);
  const codes = (response: GraphqlResponse<unknown>) =>
    (response.errors ?? []).map((e) => e.extensions?.code);
  const reasons = (response: GraphqlResponse<unknown>) =>
    (response.errors ?? []).map((e) => e.extensions?.reason);

  async function createAdvertiser(name: string): Promise<string> {
    const created = await gql<{ createAdvertiser: { apiKey: string } }>(
      'mutation($name: String!) { createAdvertiser(name: $name) { apiKey advertiser { id name } } }',
      { name },
      TEST_ADMIN_KEY,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createAdvertiser.apiKey;
  }

  async function series(
    variables: Record<string, unknown>,
    key = acmeKey,
  ): Promise<GraphqlResponse<{ clickSeries: { asOf: string | null; points: Point[] } }>> {
    return gql(SERIES, { adId, ...variables }, key);
  }

  beforeAll(async () => {
    db = await createTestDatabase('graphql');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-gql-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    acmeKey = await createAdvertiser('Acme');
    globexKey = await createAdvertiser('Globex');

    const registered = await gql<{ registerAd: { id: string; paused: boolean } }>(
      `mutation($input: RegisterAdInput!) { registerAd(input: $input) { id name targetUrl paused } }`,
      { input: { name: 'Winter sale', targetUrl: 'https://shop.example/winter' } },
      acmeKey,
    );
    expect(registered.errors).toBeUndefined();
    adId = registered.data!.registerAd.id;

    // Real clicks: mint signed links, follow them. Six people, two crawlers.
    const minted = await postJson<{ impressions: { clickUrl: string }[] }>(
      app.baseUrl,
      '/v1/impressions',
      {
        impressions: Array.from({ length: human + bots }, (_, i) => ({
          adId,
          userId: `person-${i}`,
          country: i % 2 === 0 ? 'DE' : 'FR',
        })),
      },
      acmeKey,
    );
    expect(minted.status).toBe(201);
    for (const [i, { clickUrl }] of minted.body.impressions.entries()) {
      const response = await click(clickUrl, i < human ? {} : { userAgent: BOT_UA });
      expect(response.status).toBe(302);
    }
    await waitForProjected(db.pool, 'click-buckets', human + bots);
    await waitForProjected(db.pool, 'ad-catalog', 1);
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Every click in the log so far (whichever earlier tests ran), and the catalog with every ad.
  async function clicksInLog(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM events WHERE event_type = 'ClickRecorded'",
    );
    const ads = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM events WHERE event_type = ANY($1)',
      [AD_EVENT_TYPES],
    );
    await waitForProjected(db.pool, 'ad-catalog', Number(ads.rows[0].n));
    return Number(rows[0].n);
  }

  const lastHour = () => ({
    from: new Date(Date.now() - 3_600_000).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString(),
  });

  it.each([
    ['MINUTE', 62],
    ['HOUR', 2],
    ['DAY', 1],
  ])('shows the clicks in a %s series, zero-filled and in order', async (granularity, min) => {
    const now = Date.now();
    const response = await series({ ...lastHour(), granularity });
    expect(response.errors).toBeUndefined();
    const { points, asOf } = response.data!.clickSeries;
    expect(points.length).toBeGreaterThanOrEqual(min);
    const starts = points.map((p) => Date.parse(p.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(starts).size).toBe(starts.length);
    expect(points.reduce((sum, p) => sum + p.clicks, 0)).toBe(human);
    expect(points.reduce((sum, p) => sum + p.botClicks, 0)).toBe(bots);
    expect(points.filter((p) => p.clicks === 0).length).toBeGreaterThanOrEqual(min - 2);
    expect(Math.max(...points.map((p) => p.uniqueUsers))).toBeGreaterThanOrEqual(human / 2);
    expect(Date.parse(asOf!)).toBeGreaterThanOrEqual(now - 60_000);
  });

  it('counts bot clicks in clicks only when asked to', async () => {
    const response = await series({ ...lastHour(), granularity: 'DAY', includeBots: true });
    expect(response.data!.clickSeries.points.reduce((s, p) => s + p.clicks, 0)).toBe(human + bots);
  });

  it('totals clicks and merges unique users over a range', async () => {
    const response = await gql<{
      clickTotals: { asOf: string; ads: { adId: string; clicks: number; uniqueUsers: number }[] };
    }>(
      `query($adIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
         clickTotals(adIds: $adIds, from: $from, to: $to) {
           from to asOf ads { adId clicks botClicks uniqueUsers }
         }
       }`,
      { adIds: [adId], ...lastHour() },
      acmeKey,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.clickTotals.ads).toEqual([
      { adId, clicks: human, botClicks: bots, uniqueUsers: human },
    ]);
  });

  it('ranks the ad in topAds and lists it with totals', async () => {
    const top = await gql<{ topAds: { ad: { id: string; name: string }; clicks: number }[] }>(
      '{ topAds(lastMinutes: 60, limit: 10) { ad { id name } clicks botClicks uniqueUsers } }',
      {},
      acmeKey,
    );
    expect(top.errors).toBeUndefined();
    expect(top.data!.topAds).toEqual([
      { ad: { id: adId, name: 'Winter sale' }, clicks: human, botClicks: bots, uniqueUsers: human },
    ]);
    const ads = await gql<{ ads: unknown[] }>(
      '{ ads { id name paused totals { clicks botClicks uniqueUsers } } }',
      {},
      acmeKey,
    );
    expect(ads.data!.ads).toEqual([
      {
        id: adId,
        name: 'Winter sale',
        paused: false,
        totals: { clicks: human, botClicks: bots, uniqueUsers: human },
      },
    ]);
  });

  it('breaks clicks down by country, device and placement', async () => {
    const query = `query($adId: ID!, $from: DateTime!, $to: DateTime!, $dimension: Dimension!) {
      clickBreakdown(adId: $adId, from: $from, to: $to, dimension: $dimension) {
        dimension entries { value clicks botClicks }
      }
    }`;
    const by = async (dimension: string) => {
      const response = await gql<{ clickBreakdown: { entries: unknown[] } }>(
        query,
        { adId, ...lastHour(), dimension },
        acmeKey,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.clickBreakdown.entries;
    };
    expect(await by('COUNTRY')).toEqual([
      { value: 'DE', clicks: 3, botClicks: 1 },
      { value: 'FR', clicks: 3, botClicks: 1 },
    ]);
    expect(await by('DEVICE')).toEqual([
      { value: 'desktop', clicks: human, botClicks: 0 },
      { value: 'bot', clicks: 0, botClicks: bots },
    ]);
    // The links were minted without a placement.
    expect(await by('PLACEMENT')).toEqual([{ value: 'unknown', clicks: human, botClicks: bots }]);
  });

  it('tells a key who it belongs to (the dashboard signs in with this)', async () => {
    const viewer = '{ viewer { role advertiser { id name } } }';
    const acme = await gql<{ viewer: { role: string; advertiser: { name: string } } }>(
      viewer,
      {},
      acmeKey,
    );
    expect(acme.data?.viewer).toEqual({
      role: 'ADVERTISER',
      advertiser: { id: expect.any(String), name: 'Acme' },
    });
    const admin = await gql<{ viewer: unknown }>(viewer, {}, TEST_ADMIN_KEY);
    expect(admin.data?.viewer).toEqual({ role: 'ADMIN', advertiser: null });
    expect(codes(await gql(viewer, {}, 'cs_not_a_key_0123456789abcdef'))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it("never shows one advertiser another's ad, not even that it exists", async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    const theirs = await gql('query($id: ID!) { ad(id: $id) { id } }', { id: adId }, globexKey);
    const nobodys = await gql('query($id: ID!) { ad(id: $id) { id } }', { id: missing }, globexKey);
    expect(codes(theirs)).toEqual(['NOT_FOUND']);
    expect(theirs.errors![0].message).toBe(`no ad ${adId}`);
    expect(nobodys.errors![0].message).toBe(`no ad ${missing}`);
    expect(codes(await series({ ...lastHour(), granularity: 'HOUR' }, globexKey))).toEqual([
      'NOT_FOUND',
    ]);
    const top = await gql<{ topAds: unknown[] }>('{ topAds { clicks } }', {}, globexKey);
    expect(top.data!.topAds).toEqual([]);
    const ads = await gql<{ ads: unknown[] }>('{ ads { id } }', {}, globexKey);
    expect(ads.data!.ads).toEqual([]);
    const pause = await gql(
      'mutation($id: ID!) { pauseAd(adId: $id) { id } }',
      { id: adId },
      globexKey,
    );
    expect(codes(pause)).toEqual(['NOT_FOUND']);
    // The operator sees everything.
    const admin = await gql<{ ad: { id: string } }>(
      'query($id: ID!) { ad(id: $id) { id } }',
      { id: adId },
      TEST_ADMIN_KEY,
    );
    expect(admin.data!.ad.id).toBe(adId);
  });

  it('types every count as a 53-bit-safe integer, not a Float', async () => {
    const types = ['ClickPoint', 'AdClickTotals', 'AdTotals', 'TopAd', 'BreakdownEntry'];
    const response = await gql<Record<string, { fields: { name: string; type: TypeRef }[] }>>(
      `{ ${types.map((t) => `${t}: __type(name: "${t}") { fields { name type { name ofType { name } } } }`).join(' ')} }`,
      {},
      acmeKey,
    );
    expect(response.errors).toBeUndefined();
    const counts = types.flatMap((t) =>
      response
        .data![t].fields.filter((f) => ['clicks', 'botClicks', 'uniqueUsers'].includes(f.name))
        .map((f) => `${t}.${f.name}: ${f.type.name ?? f.type.ofType?.name}`),
    );
    expect(counts).toHaveLength(14);
    expect(counts.filter((c) => !c.endsWith(': SafeInt'))).toEqual([]);
  });

  it('refuses bad questions with the right codes and clear messages', async () => {
    const from = '2026-11-01T00:00:00Z';
    const reversed = await series({ from, to: '2026-10-01T00:00:00Z', granularity: 'HOUR' });
    expect(codes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reasons(reversed)).toEqual(['INVALID_RANGE']);

    const tooMany = await series({ from, to: '2026-11-08T00:01:00Z', granularity: 'MINUTE' });
    expect(reasons(tooMany)).toEqual(['TOO_MANY_POINTS']);
    expect(tooMany.errors![0].message).toMatch(/10081 points; the limit is 10080/);
    const sevenDays = await series({ from, to: '2026-11-08T00:00:00Z', granularity: 'MINUTE' });
    expect(sevenDays.data!.clickSeries.points).toHaveLength(10_080);

    const zone = await series({
      from,
      to: '2026-11-02T00:00:00Z',
      granularity: 'DAY',
      timezone: 'Mars/Olympus_Mons',
    });
    expect(codes(zone)).toEqual(['BAD_USER_INPUT']);
    expect(reasons(zone)).toEqual(['UNKNOWN_TIMEZONE']);
    expect(zone.errors![0].message).toContain('"Mars/Olympus_Mons"');

    // Lord Howe Island's DST change moves its clock by half an hour: that day is 24.5 hours,
    // which whole stored hours cannot cut.
    const halfHourChange = await series({
      from: '2026-04-04T13:00:00Z',
      to: '2026-04-06T13:30:00Z',
      granularity: 'DAY',
      timezone: 'Australia/Lord_Howe',
    });
    expect(reasons(halfHourChange)).toEqual(['UNSUPPORTED_TIMEZONE_OFFSET']);
    expect(halfHourChange.errors![0].message).toMatch(/Australia\/Lord_Howe.*minute series/);
    // Its hours across the change, and Nepal's days across its 1986 move from +5:30 to +5:45:
    // generated buckets that are not local hours or midnights are refused, never mislabelled.
    for (const [granularity, timezone, from, to] of [
      ['HOUR', 'Australia/Lord_Howe', '2026-10-03T14:00:00Z', '2026-10-03T18:00:00Z'],
      ['HOUR', 'Australia/Lord_Howe', '2026-04-04T13:00:00Z', '2026-04-04T18:00:00Z'],
      ['DAY', 'Asia/Kathmandu', '1985-12-30T00:00:00Z', '1986-01-03T00:00:00Z'],
    ])
      for (const filter of [undefined, { country: ['US'] }])
        expect(reasons(await series({ from, to, granularity, timezone, filter }))).toEqual([
          'UNSUPPORTED_TIMEZONE_OFFSET',
        ]);
    const kolkataMinutes = await series({
      from,
      to: '2026-11-01T01:00:00Z',
      granularity: 'MINUTE',
      timezone: 'Asia/Kolkata',
    });
    expect(kolkataMinutes.data!.clickSeries.points).toHaveLength(60);

    const noKey = await series({ from, to: '2026-11-02T00:00:00Z', granularity: 'HOUR' }, '');
    expect(codes(noKey)).toEqual(['UNAUTHENTICATED']);
    const wrongKey = await series(
      { from, to: '2026-11-02T00:00:00Z', granularity: 'HOUR' },
      'cs_nope',
    );
    expect(codes(wrongKey)).toEqual(['UNAUTHENTICATED']);

    const notAdmin = await gql('mutation { createAdvertiser(name: "X") { apiKey } }', {}, acmeKey);
    expect(codes(notAdmin)).toEqual(['FORBIDDEN']);

    const badId = await gql('{ ad(id: "not-a-uuid") { id } }', {}, acmeKey);
    expect(codes(badId)).toEqual(['BAD_USER_INPUT']);
    expect(badId.errors![0].extensions?.details?.join()).toMatch(/UUID/);

    const badDate = await gql(
      SERIES,
      { adId, from: 'yesterday', to: from, granularity: 'HOUR' },
      acmeKey,
    );
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);

    const badLimit = await gql('{ topAds(lastMinutes: 1441) { clicks } }', {}, acmeKey);
    expect(codes(badLimit)).toEqual(['BAD_USER_INPUT']);

    const ofTypes = (n: number): string => (n === 0 ? 'name' : `ofType { ${ofTypes(n - 1)} }`);
    const deep = await gql(
      `{ __schema { types { fields { type { ${ofTypes(12)} } } } } }`,
      {},
      acmeKey,
    );
    expect(reasons(deep)).toEqual(['QUERY_TOO_DEEP']);
    // Six aliases of a week of minutes: each reads 10,080 points.
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    const weeks = Array.from(
      { length: 6 },
      (_, i) =>
        `s${i}: clickSeries(adId: $adId, from: $from, to: $to, granularity: MINUTE) { asOf }`,
    ).join(' ');
    const costly = await gql(
      `query($adId: ID!, $from: DateTime!, $to: DateTime!) { ${weeks} }`,
      { adId, from: new Date(to - 7 * 86_400_000).toISOString(), to: new Date(to).toISOString() },
      acmeKey,
    );
    expect(reasons(costly)).toEqual(['QUERY_TOO_COMPLEX']);

    // An empty list of projections names none: refused, not read as "all".
    const noProjections = await gql(
      'mutation { rebuildProjections(projections: []) { id } }',
      {},
      TEST_ADMIN_KEY,
    );
    expect(codes(noProjections)).toEqual(['BAD_USER_INPUT']);
    expect(noProjections.errors![0].message).toMatch(/the list is empty.*omit it/);
    expect((await db.pool.query('SELECT 1 FROM projection_rebuilds')).rows).toHaveLength(0);

    for (const response of [
      reversed,
      tooMany,
      zone,
      noKey,
      notAdmin,
      badId,
      badDate,
      deep,
      costly,
      noProjections,
    ])
      for (const error of response.errors ?? [])
        expect(error.extensions?.stacktrace).toBeUndefined();
  });

  it('starts local days at local midnight across a DST change (America/New_York)', async () => {
    // 2026-03-08 02:00 EST -> 03:00 EDT: that local day is 23 hours long.
    const at = (iso: string) => ({ adId, clickedAt: new Date(iso), userKey: `u:${iso}` });
    await insertClicks(db.pool, [
      at('2026-03-08T04:30:00Z'), // Mar 7, 23:30 EST
      at('2026-03-08T06:59:00Z'), // Mar 8, 01:59 EST
      at('2026-03-08T07:00:00Z'), // Mar 8, 03:00 EDT
      at('2026-03-09T03:30:00Z'), // Mar 8, 23:30 EDT
      at('2026-03-09T04:30:00Z'), // Mar 9, 00:30 EDT
    ]);
    await waitForProjected(db.pool, 'click-buckets', human + bots + 5);

    const days = await series({
      from: '2026-03-07T05:00:00Z',
      to: '2026-03-10T04:00:00Z',
      granularity: 'DAY',
      timezone: 'America/New_York',
    });
    expect(days.errors).toBeUndefined();
    expect(days.data!.clickSeries.points.map((p) => [p.start, p.clicks])).toEqual([
      ['2026-03-07T05:00:00.000Z', 1],
      ['2026-03-08T05:00:00.000Z', 3],
      ['2026-03-09T04:00:00.000Z', 1],
    ]);

    const hours = await series({
      from: '2026-03-08T05:00:00Z',
      to: '2026-03-09T04:00:00Z',
      granularity: 'HOUR',
      timezone: 'America/New_York',
    });
    const points = hours.data!.clickSeries.points;
    expect(points).toHaveLength(23);
    expect(points.reduce((s, p) => s + p.clicks, 0)).toBe(3);
    expect(points[2]).toMatchObject({ start: '2026-03-08T07:00:00.000Z', clicks: 1 });
  });
  describe('in zones with 30- and 45-minute offsets', () => {
    let tzAdId: string;
    const tzSeries = (variables: Record<string, unknown>) => series({ ...variables, adId: tzAdId });
    const nonZero = (points: Point[]) =>
      points.filter((p) => p.clicks > 0).map((p) => [p.start, p.clicks]);
    // Clicks on either side of the local hour and midnight boundaries of India (+5:30) and
    // Nepal (+5:45): 18:14 UTC is 23:44 in Kolkata and 23:59 in Kathmandu, 18:15 is 23:45 and
    // 00:00, 18:29/18:30 are 23:59/00:00 and 00:14/00:15, 18:44/18:45 are 00:14/00:15 and
    // 00:29/00:30, 18:59/19:00 are 00:29/00:30 and 00:44/00:45, 19:14:59/19:15 are
    // 00:44:59/00:45 and 00:59:59/01:00.
    const southAsia = [
      '2026-11-10T18:14:00Z',
      '2026-11-10T18:15:00Z',
      '2026-11-10T18:29:00Z',
      '2026-11-10T18:30:00Z',
      '2026-11-10T18:44:00Z',
      '2026-11-10T18:45:00Z',
      '2026-11-10T18:59:00Z',
      '2026-11-10T19:00:00Z',
      '2026-11-10T19:14:59Z',
      '2026-11-10T19:15:00Z',
      '2026-11-11T06:45:00Z', // 12:15 and 12:30
      '2026-11-12T18:14:59Z', // 23:44:59 and 23:59:59
      '2026-11-12T18:29:59Z', // 23:59:59 and 00:14:59 the next day
    ];
    // Adelaide: +9:30, and +10:30 from 2026-10-04 02:00 local (16:30 UTC the day before).
    const adelaide = [
      '2026-10-03T14:29:00Z', // Oct 3, 23:59 ACST
      '2026-10-03T14:30:00Z', // Oct 4, 00:00 ACST
      '2026-10-03T16:29:00Z', // Oct 4, 01:59 ACST
      '2026-10-03T16:30:00Z', // Oct 4, 03:00 ACDT
      '2026-10-04T13:29:00Z', // Oct 4, 23:59 ACDT
      '2026-10-04T13:30:00Z', // Oct 5, 00:00 ACDT
    ];

    beforeAll(async () => {
      const registered = await gql<{ registerAd: { id: string } }>(
        `mutation($input: RegisterAdInput!) { registerAd(input: $input) { id } }`,
        { input: { name: 'Diwali sale', targetUrl: 'https://shop.example/diwali' } },
        acmeKey,
      );
      tzAdId = registered.data!.registerAd.id;
      const clicks = [...southAsia, ...adelaide];
      await insertClicks(
        db.pool,
        clicks.map((iso) => ({ adId: tzAdId, clickedAt: new Date(iso), userKey: `u:${iso}` })),
      );
      await waitForProjected(db.pool, 'click-buckets', await clicksInLog());
    });

    it('puts every click in its local hour and day in Asia/Kolkata (+5:30)', async () => {
      const range = { from: '2026-11-09T18:30:00Z', to: '2026-11-12T18:30:00Z' };
      const hours = await tzSeries({ ...range, granularity: 'HOUR', timezone: 'Asia/Kolkata' });
      expect(hours.errors).toBeUndefined();
      const points = hours.data!.clickSeries.points;
      expect(points).toHaveLength(72);
      expect(points.every((p) => p.start.slice(13) === ':30:00.000Z')).toBe(true);
      expect(nonZero(points)).toEqual([
        ['2026-11-10T17:30:00.000Z', 3], // 23:00 IST: 23:44, 23:45, 23:59
        ['2026-11-10T18:30:00.000Z', 7], // 00:00 IST: 00:00 to 00:45
        ['2026-11-11T06:30:00.000Z', 1],
        ['2026-11-12T17:30:00.000Z', 2],
      ]);
      expect(points.find((p) => p.clicks === 7)!.uniqueUsers).toBe(7);

      const days = await tzSeries({ ...range, granularity: 'DAY', timezone: 'Asia/Kolkata' });
      expect(days.errors).toBeUndefined();
      expect(days.data!.clickSeries.points.map((p) => [p.start, p.clicks, p.uniqueUsers])).toEqual([
        ['2026-11-09T18:30:00.000Z', 3, 3], // Nov 10 starts at 00:00 IST
        ['2026-11-10T18:30:00.000Z', 8, 8],
        ['2026-11-11T18:30:00.000Z', 2, 2],
      ]);
    });

    it('puts every click in its local hour and day in Asia/Kathmandu (+5:45)', async () => {
      const range = { from: '2026-11-09T18:15:00Z', to: '2026-11-13T18:15:00Z' };
      const hours = await tzSeries({ ...range, granularity: 'HOUR', timezone: 'Asia/Kathmandu' });
      expect(hours.errors).toBeUndefined();
      const points = hours.data!.clickSeries.points;
      expect(points).toHaveLength(96);
      expect(points.every((p) => p.start.slice(13) === ':15:00.000Z')).toBe(true);
      expect(nonZero(points)).toEqual([
        ['2026-11-10T17:15:00.000Z', 1], // 23:00 NPT: 23:59
        ['2026-11-10T18:15:00.000Z', 8], // 00:00 NPT: 00:00 to 00:59:59
        ['2026-11-10T19:15:00.000Z', 1], // 01:00 NPT
        ['2026-11-11T06:15:00.000Z', 1],
        ['2026-11-12T17:15:00.000Z', 1],
        ['2026-11-12T18:15:00.000Z', 1],
      ]);

      const days = await tzSeries({ ...range, granularity: 'DAY', timezone: 'Asia/Kathmandu' });
      expect(days.errors).toBeUndefined();
      expect(days.data!.clickSeries.points.map((p) => [p.start, p.clicks])).toEqual([
        ['2026-11-09T18:15:00.000Z', 1], // Nov 10 starts at 00:00 NPT
        ['2026-11-10T18:15:00.000Z', 10],
        ['2026-11-11T18:15:00.000Z', 1],
        ['2026-11-12T18:15:00.000Z', 1],
      ]);
    });

    it('starts days at local midnight across a DST change in Australia/Adelaide', async () => {
      const days = await tzSeries({
        from: '2026-10-02T14:30:00Z',
        to: '2026-10-05T13:30:00Z',
        granularity: 'DAY',
        timezone: 'Australia/Adelaide',
      });
      expect(days.errors).toBeUndefined();
      expect(days.data!.clickSeries.points.map((p) => [p.start, p.clicks])).toEqual([
        ['2026-10-02T14:30:00.000Z', 1], // Oct 3, from 00:00 ACST
        ['2026-10-03T14:30:00.000Z', 4], // Oct 4, 23 hours long
        ['2026-10-04T13:30:00.000Z', 1], // Oct 5, from 00:00 ACDT
      ]);

      const hours = await tzSeries({
        from: '2026-10-03T14:30:00Z',
        to: '2026-10-04T13:30:00Z',
        granularity: 'HOUR',
        timezone: 'Australia/Adelaide',
      });
      const points = hours.data!.clickSeries.points;
      expect(points).toHaveLength(23);
      expect(nonZero(points)).toEqual([
        ['2026-10-03T14:30:00.000Z', 1], // 00:00 ACST
        ['2026-10-03T15:30:00.000Z', 1], // 01:00 ACST
        ['2026-10-03T16:30:00.000Z', 1], // 03:00 ACDT: 02:00 never happened
        ['2026-10-04T12:30:00.000Z', 1], // 23:00 ACDT
      ]);
    });

    it('totals a local day in Asia/Kolkata exactly, and accepts the legacy alias', async () => {
      const totals = await gql<{
        clickTotals: { from: string; to: string; ads: { clicks: number; uniqueUsers: number }[] };
      }>(
        `query($adIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
           clickTotals(adIds: $adIds, from: $from, to: $to) { from to ads { clicks uniqueUsers } }
         }`,
        { adIds: [tzAdId], from: '2026-11-10T18:30:00Z', to: '2026-11-11T18:30:00Z' },
        acmeKey,
      );
      expect(totals.errors).toBeUndefined();
      expect(totals.data!.clickTotals).toEqual({
        from: '2026-11-10T18:30:00.000Z',
        to: '2026-11-11T18:30:00.000Z',
        ads: [{ clicks: 8, uniqueUsers: 8 }],
      });

      const alias = await tzSeries({
        from: '2026-11-10T18:30:00Z',
        to: '2026-11-11T18:30:00Z',
        granularity: 'DAY',
        timezone: 'Asia/Calcutta',
      });
      expect(alias.errors).toBeUndefined();
      expect(alias.data!.clickSeries.points.map((p) => [p.start, p.clicks])).toEqual([
        ['2026-11-10T18:30:00.000Z', 8],
      ]);
    });
  });
  describe('breakdowns over the range asked', () => {
    let rangeAdId: string;
    const BREAKDOWN = `query($adId: ID!, $from: DateTime!, $to: DateTime!, $dimension: Dimension!) {
      clickBreakdown(adId: $adId, from: $from, to: $to, dimension: $dimension) {
        from to dimension entries { value clicks botClicks }
      }
    }`;
    const TOTALS = `query($adIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
      clickTotals(adIds: $adIds, from: $from, to: $to) { from to ads { clicks botClicks } }
    }`;
    // A click every 20 s from 00:45 to 01:00 on one day, with the dimensions varying; the day
    // and the hour hold many more clicks than the 5 minutes asked for.
    const start = Date.parse('2026-11-20T00:45:00Z');
    const clicks = Array.from({ length: 45 }, (_, i) => ({
      adId: '',
      clickedAt: new Date(start + i * 20_000),
      userKey: `u:range-${i}`,
      bot: i % 7 === 0,
      country: [null, 'IN', 'NP', 'AU'][i % 4],
      device: i % 7 === 0 ? 'bot' : ['desktop', 'mobile', 'tablet'][i % 3],
      placement: [null, 'top-banner', 'sidebar', 'app:feed'][i % 4 === 0 ? 0 : (i % 3) + 1],
    }));
    const later = Array.from({ length: 30 }, (_, i) => ({
      adId: '',
      clickedAt: new Date(start + 3_600_000 + i * 60_000),
      userKey: `u:range-later-${i}`,
      bot: false,
      country: 'DE',
      placement: 'footer',
    }));

    beforeAll(async () => {
      const registered = await gql<{ registerAd: { id: string } }>(
        `mutation($input: RegisterAdInput!) { registerAd(input: $input) { id } }`,
        { input: { name: 'Monsoon sale', targetUrl: 'https://shop.example/monsoon' } },
        acmeKey,
      );
      rangeAdId = registered.data!.registerAd.id;
      const all = [...clicks, ...later].map((c) => ({ ...c, adId: rangeAdId }));
      await insertClicks(db.pool, all);
      await waitForProjected(db.pool, 'click-buckets', await clicksInLog());
    });

    it('sums to the totals of exactly a 5-minute range, for every dimension', async () => {
      const range = { from: '2026-11-20T00:50:00Z', to: '2026-11-20T00:55:00Z' };
      const inRange = clicks.filter(
        (c) => c.clickedAt >= new Date(range.from) && c.clickedAt < new Date(range.to),
      );
      expect(inRange).toHaveLength(15);
      const totals = await gql<{
        clickTotals: { from: string; to: string; ads: { clicks: number; botClicks: number }[] };
      }>(TOTALS, { adIds: [rangeAdId], ...range }, acmeKey);
      expect(totals.errors).toBeUndefined();
      const [total] = totals.data!.clickTotals.ads;
      expect(total).toEqual({
        clicks: inRange.filter((c) => !c.bot).length,
        botClicks: inRange.filter((c) => c.bot).length,
      });
      for (const dimension of ['COUNTRY', 'DEVICE', 'PLACEMENT']) {
        const response = await gql<{
          clickBreakdown: {
            from: string;
            to: string;
            entries: { value: string; clicks: number; botClicks: number }[];
          };
        }>(BREAKDOWN, { adId: rangeAdId, ...range, dimension }, acmeKey);
        expect(response.errors).toBeUndefined();
        const { from, to, entries } = response.data!.clickBreakdown;
        expect([from, to]).toEqual(['2026-11-20T00:50:00.000Z', '2026-11-20T00:55:00.000Z']);
        expect(entries.reduce((sum, e) => sum + e.clicks, 0)).toBe(total.clicks);
        expect(entries.reduce((sum, e) => sum + e.botClicks, 0)).toBe(total.botClicks);
      }
      const placements = await gql<{ clickBreakdown: { entries: { value: string }[] } }>(
        BREAKDOWN,
        { adId: rangeAdId, ...range, dimension: 'PLACEMENT' },
        acmeKey,
      );
      expect(placements.data!.clickBreakdown.entries.map((e) => e.value).sort()).toEqual([
        'app:feed',
        'sidebar',
        'top-banner',
        'unknown',
      ]);
    });

    it('says the range it covers when the one asked is not whole minutes', async () => {
      const response = await gql<{
        clickBreakdown: { from: string; to: string; entries: { clicks: number }[] };
      }>(
        BREAKDOWN,
        {
          adId: rangeAdId,
          from: '2026-11-20T00:50:30Z',
          to: '2026-11-20T02:54:10Z',
          dimension: 'COUNTRY',
        },
        acmeKey,
      );
      expect(response.errors).toBeUndefined();
      const { from, to, entries } = response.data!.clickBreakdown;
      expect([from, to]).toEqual(['2026-11-20T00:50:00.000Z', '2026-11-20T02:55:00.000Z']);
      const covered = [...clicks, ...later].filter(
        (c) => !c.bot && c.clickedAt >= new Date(from) && c.clickedAt < new Date(to),
      );
      expect(entries.reduce((sum, e) => sum + e.clicks, 0)).toBe(covered.length);
    });
  });
});
