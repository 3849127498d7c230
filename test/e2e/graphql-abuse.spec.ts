import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import {
  AppProcess,
  click,
  createTestDatabase,
  GraphqlError,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';
import {
  ADS,
  BREAKDOWNS,
  PROJECTIONS,
  REBUILDS,
  SERIES,
  TOP_ADS,
  VIEWER,
} from '../../apps/dashboard/src/api/operations';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Low limits, so the tests reach them in a few requests. */
const AUTH_FAILURES_PER_MINUTE = 5;
const API_KEY_REQUESTS_PER_SECOND = 30;

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: GraphqlError[]; message?: string; error?: string };
  ms: number;
}

/** `query{...F0} fragment F0 on Query{...F1 ...F1} … fragment F22 on Query{__typename}`. */
function fragmentFanOut(levels: number): string {
  let query = 'query{...F0}';
  for (let i = 0; i < levels; i++) query += ` fragment F${i} on Query{...F${i + 1} ...F${i + 1}}`;
  return `${query} fragment F${levels} on Query{__typename}`;
}

/**
 * What a hostile client can send: exponential fragments, alias floods, malformed documents and
 * variables, random API keys, floods with one key. Each must be refused quickly with a 4xx and a
 * message, and none may slow the click redirect served by the same process.
 */
describe('GraphQL and API abuse', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let acmeKey: string;
  let adId: string;

  /** A raw request, so status, headers and timing can all be checked. */
  async function send(
    path: string,
    init: { method?: string; body?: unknown; raw?: string; key?: string; from?: string } = {},
  ): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body !== undefined || init.raw !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.from ? { 'x-forwarded-for': init.from } : {}),
      },
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = { message: text };
    }
    return { status: response.status, headers: response.headers, body, ms };
  }

  const gql = (
    query: string,
    variables: Record<string, unknown> = {},
    opts: { key?: string; from?: string } = {},
  ) => send('/graphql', { body: { query, variables }, ...opts });

  const reasons = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.reason);

  async function mintClickUrl(): Promise<string> {
    const minted = await postJson<{ clickUrl: string }>(
      app.baseUrl,
      '/v1/impressions',
      { adId },
      acmeKey,
    );
    expect(minted.status).toBe(201);
    return minted.body.clickUrl;
  }

  async function createAdvertiser(name: string): Promise<string> {
    const created = await gql(
      'mutation($name: String!) { createAdvertiser(name: $name) { apiKey } }',
      { name },
      { key: TEST_ADMIN_KEY },
    );
    expect(created.body.errors).toBeUndefined();
    return (created.body.data as { createAdvertiser: { apiKey: string } }).createAdvertiser.apiKey;
  }

  beforeAll(async () => {
    db = await createTestDatabase('graphql_abuse');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-gql-abuse-'));
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
      // The tests play several clients from one machine, each with its own X-Forwarded-For.
      TRUST_PROXY: 'loopback',
      AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
      API_KEY_REQUESTS_PER_SECOND: String(API_KEY_REQUESTS_PER_SECOND),
    });
    acmeKey = await createAdvertiser('Acme');
    const registered = await gql(
      'mutation($input: RegisterAdInput!) { registerAd(input: $input) { id } }',
      { input: { name: 'Winter sale', targetUrl: 'https://shop.example/winter' } },
      { key: acmeKey },
    );
    expect(registered.body.errors).toBeUndefined();
    adId = (registered.body.data as { registerAd: { id: string } }).registerAd.id;
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('query shape limits', () => {
    it('refuses a fragment fan-out without a key at once, while a click beside it redirects', async () => {
      const clickUrl = await mintClickUrl();
      const refused = gql(fragmentFanOut(22));
      // Sent while the fan-out is in flight: the event loop it shares must stay free.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const clickStarted = performance.now();
      const clicked = await click(clickUrl);
      const clickMs = performance.now() - clickStarted;
      const answer = await refused;

      expect(clicked.status).toBe(302);
      expect(clickMs).toBeLessThan(500);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(reasons(answer)).toContain('QUERY_TOO_COMPLEX');
      expect(answer.body.errors?.[0].message).toMatch(/limit/);
      expect(answer.ms).toBeLessThan(500);
    });

    it('refuses a document nested too deep, too many tokens or directives, each with its reason', async () => {
      let deep = '__typename';
      for (let i = 0; i < 20; i++) deep = `ofType { ${deep} }`;
      const tooDeep = await gql(`{ __type(name: "Query") { ${deep} } }`);
      expect(tooDeep.status).toBe(400);
      expect(reasons(tooDeep)).toEqual(['QUERY_TOO_DEEP']);

      const tooLong = await gql(`{ ${'__typename '.repeat(5_000)} }`);
      expect(tooLong.status).toBe(400);
      expect(reasons(tooLong)).toEqual(['TOO_MANY_TOKENS']);
      expect(tooLong.ms).toBeLessThan(500);

      const directives = await gql(`{ __typename ${'@include(if: true) '.repeat(100)} }`);
      expect(directives.status).toBe(400);
      expect(reasons(directives)).toEqual(['TOO_MANY_DIRECTIVES']);
    });

    it('lets the standard introspection query through (GraphiQL, code generators)', async () => {
      const answer = await gql(getIntrospectionQuery({ descriptions: true }));
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    });
  });

  describe('cost of what a query reads', () => {
    const minuteWeek = () => {
      const to = Math.floor(Date.now() / MINUTE) * MINUTE + MINUTE;
      return { from: new Date(to - 7 * DAY).toISOString(), to: new Date(to).toISOString() };
    };
    const seriesField = (alias: string) =>
      `${alias}: clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity) { asOf }`;
    const SERIES_ARGS = '$adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!';

    it('refuses 300 aliases of a 7-day minute series before any resolver runs', async () => {
      const fields = Array.from({ length: 300 }, (_, i) => seriesField(`s${i}`)).join('\n');
      const answer = await gql(
        `query(${SERIES_ARGS}) { ${fields} }`,
        { adId, granularity: 'MINUTE', ...minuteWeek() },
        { key: acmeKey },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.data ?? null).toBeNull();
      // 300 aliases are ~6,600 tokens: the token bound, checked first, is the one that refuses.
      expect(['QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS']).toContain(
        reasons(answer)[0],
      );
      expect(answer.ms).toBeLessThan(500);
    });

    it('refuses, by cost, a few aliases that each read a week of minutes', async () => {
      const fields = Array.from({ length: 12 }, (_, i) => seriesField(`s${i}`)).join('\n');
      const answer = await gql(
        `query(${SERIES_ARGS}) { ${fields} }`,
        { adId, granularity: 'MINUTE', ...minuteWeek() },
        { key: acmeKey },
      );
      expect(answer.status).toBe(400);
      expect(reasons(answer)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(answer.body.errors?.[0].message).toMatch(/cost .* limit/);
    });

    it('refuses more aliases than the limit, whatever they ask for', async () => {
      const fields = Array.from({ length: 16 }, (_, i) => `v${i}: viewer { role }`).join(' ');
      const answer = await gql(`{ ${fields} }`, {}, { key: acmeKey });
      expect(answer.status).toBe(400);
      expect(reasons(answer)).toEqual(['TOO_MANY_ALIASES']);
      expect(answer.body.errors?.[0].message).toMatch(/16 aliases; the limit is 15/);
    });

    it('refuses totals over 1,000 ads and decades of days by cost, with a 400', async () => {
      const answer = await gql(
        'query($ids: [ID!]!) { clickTotals(adIds: $ids, from: "2000-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { asOf } }',
        { ids: Array.from({ length: 1000 }, () => randomUUID()) },
        { key: acmeKey },
      );
      expect(answer.status).toBe(400);
      expect(reasons(answer)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('passes a single 7-day minute series, a 30-day hourly one and every dashboard query', async () => {
      const single = await gql(
        `query(${SERIES_ARGS}) { ${seriesField('s')} }`,
        { adId, granularity: 'MINUTE', ...minuteWeek() },
        { key: acmeKey },
      );
      expect(single.body.errors).toBeUndefined();

      const to = Math.floor(Date.now() / MINUTE) * MINUTE + MINUTE;
      const dashboardSeries = [
        { granularity: 'MINUTE', from: to - HOUR },
        { granularity: 'MINUTE', from: to - 7 * DAY },
        { granularity: 'HOUR', from: to - DAY },
        { granularity: 'HOUR', from: to - 30 * DAY },
        { granularity: 'DAY', from: to - 30 * DAY },
        // About the dashboard's widest custom range (it allows 10,080 days).
        { granularity: 'DAY', from: to - 10_000 * DAY },
      ];
      for (const { granularity, from } of dashboardSeries) {
        const answer = await gql(
          SERIES,
          {
            adId,
            granularity,
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            timezone: 'Europe/Berlin',
            includeBots: false,
          },
          { key: acmeKey },
        );
        expect({ granularity, from, errors: answer.body.errors }).toEqual({
          granularity,
          from,
          errors: undefined,
        });
        const breakdowns = await gql(
          BREAKDOWNS,
          { adId, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          { key: acmeKey },
        );
        expect({ from, errors: breakdowns.body.errors }).toEqual({ from, errors: undefined });
      }
      for (const query of [VIEWER, ADS, TOP_ADS]) {
        const answer = await gql(query, {}, { key: acmeKey });
        expect({ query, errors: answer.body.errors }).toEqual({ query, errors: undefined });
      }
      for (const query of [VIEWER, ADS, TOP_ADS, PROJECTIONS, REBUILDS]) {
        const answer = await gql(query, {}, { key: TEST_ADMIN_KEY });
        expect({ query, errors: answer.body.errors }).toEqual({ query, errors: undefined });
      }
    });
  });

  describe('malformed requests are a 400 with a message, never a 500', () => {
    const SERIES_QUERY =
      'query($adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!) { clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity) { asOf } }';
    const valid = () => ({
      adId,
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-02T00:00:00Z',
      granularity: 'HOUR',
    });

    it.each<[string, () => { body?: unknown; raw?: string }]>([
      [
        'an unknown enum value',
        () => ({ body: { query: SERIES_QUERY, variables: { ...valid(), granularity: 'WEEK' } } }),
      ],
      [
        'a missing required variable',
        () => ({ body: { query: SERIES_QUERY, variables: { ...valid(), to: undefined } } }),
      ],
      [
        'a date that is not a date',
        () => ({ body: { query: SERIES_QUERY, variables: { ...valid(), from: 'yesterday' } } }),
      ],
      [
        'a date past the edge of JS Date',
        () => ({
          body: { query: SERIES_QUERY, variables: { ...valid(), from: '-271821-04-19T00:00:00Z' } },
        }),
      ],
      [
        'a date at the edge of JS Date',
        () => ({
          body: { query: SERIES_QUERY, variables: { ...valid(), from: '-271821-04-20T00:00:00Z' } },
        }),
      ],
      [
        'a date far in the future',
        () => ({
          body: {
            query: SERIES_QUERY,
            variables: {
              ...valid(),
              from: '+275760-09-12T00:00:00Z',
              to: '+275760-09-13T00:00:00Z',
            },
          },
        }),
      ],
      [
        'an inline date far in the past',
        () => ({
          body: {
            query: `{ clickTotals(adIds: ["${adId}"], from: "-271821-04-20T00:00:00Z", to: "2026-01-01T00:00:00Z") { asOf } }`,
          },
        }),
      ],
      [
        'a date that is not on the calendar (February 30)',
        () => ({
          body: { query: SERIES_QUERY, variables: { ...valid(), from: '2026-02-30T00:00:00Z' } },
        }),
      ],
      [
        'a breakdown starting in year 0',
        () => ({
          body: {
            query: `{ clickBreakdown(adId: "${adId}", from: "0000-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", dimension: COUNTRY) { entries { value } } }`,
          },
        }),
      ],
      [
        'variables that are not an object',
        () => ({ body: { query: SERIES_QUERY, variables: 'adId' } }),
      ],
      ['a query that is not a string', () => ({ body: { query: 42 } })],
      ['no query at all', () => ({ body: {} })],
      ['a syntax error', () => ({ body: { query: '{ clickSeries(' } })],
      [
        'two operations and no operation name',
        () => ({ body: { query: 'query A { viewer { role } } query B { viewer { role } }' } }),
      ],
      [
        'an unknown operation name',
        () => ({ body: { query: '{ viewer { role } }', operationName: 'Nope' } }),
      ],
      [
        'a batch',
        () => ({ body: [{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }] }),
      ],
      ['a body that is not JSON', () => ({ raw: '{"query": ' })],

      [
        'an Int argument out of range',
        () => ({ body: { query: '{ topAds(limit: 99999999999) { clicks } }' } }),
      ],
    ])('%s', async (_, make) => {
      const answer = await send('/graphql', { ...make(), key: acmeKey });
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: expect.anything(),
      });
      const message = answer.body.errors?.[0]?.message ?? answer.body.message;
      expect(typeof message).toBe('string');
      expect(message).not.toBe('internal error');
      expect((message ?? '').length).toBeGreaterThan(5);
    });
  });

  describe('request bodies', () => {
    it('answers a persisted query (not supported here) with its own error, not an internal one', async () => {
      const answer = await send('/graphql', {
        body: {
          query: '{ __typename }',
          extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
        },
      });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      expect(answer.body.errors?.[0]?.message).not.toBe('internal error');
    });

    it('refuses a body of nested brackets before parsing it, without a key, on every route', async () => {
      const depth = 200_000;
      const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      for (const [path, raw] of [
        ['/graphql', `{"query":"{__typename}","variables":{"x":${nested}}}`],
        ['/v1/impressions', `{"impressions":${nested}}`],
      ]) {
        const answer = await send(path, { raw });
        expect(answer.status).toBe(400);
        expect(JSON.stringify(answer.body)).toMatch(/nests deeper than 64 levels/);
        // Parsing this took 1.5-1.9 s of the event loop; the refusal is a linear scan.
        expect(answer.ms).toBeLessThan(500);
      }
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const answer = await send('/graphql', {
        raw: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }),
      });
      expect(answer.status).toBe(413);
    });
  });

  describe('rate limits', () => {
    const randomKey = () => `cs_${randomBytes(32).toString('base64url')}`;
    const adPath = () => `/v1/ads/${randomUUID()}`;

    it('blocks an address after repeated failed authentications (REST), but never its clicks', async () => {
      const from = '203.0.113.7';
      for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
        const answer = await send(adPath(), { method: 'GET', key: randomKey(), from });
        expect(answer.status).toBe(401);
      }
      const blocked = await send(adPath(), { method: 'GET', key: randomKey(), from });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.body.message).toMatch(/too many failed/i);

      // While blocked, a valid key from the same address is refused too, over REST and GraphQL.
      const valid = await send(adPath(), { method: 'GET', key: acmeKey, from });
      expect(valid.status).toBe(429);
      const viaGraphql = await gql(VIEWER, {}, { key: acmeKey, from });
      expect(viaGraphql.status).toBe(429);
      expect(viaGraphql.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');

      // Another address is not affected, and the blocked address's clicks still redirect.
      expect(
        (await send(adPath(), { method: 'GET', key: acmeKey, from: '203.0.113.99' })).status,
      ).toBe(404);
      const clicked = await click(await mintClickUrl(), { headers: { 'x-forwarded-for': from } });
      expect(clicked.status).toBe(302);
    });

    it('blocks an address after repeated failed authentications (GraphQL) with Retry-After', async () => {
      const from = '203.0.113.8';
      for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
        const answer = await gql(VIEWER, {}, { key: randomKey(), from });
        expect(answer.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
      const blocked = await gql(VIEWER, {}, { key: randomKey(), from });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(blocked.body.errors?.[0].message).toMatch(/too many failed/i);
    });

    it('limits requests per API key on /graphql and /v1', async () => {
      const key = await createAdvertiser('Flood');
      const burst = await Promise.all(
        Array.from({ length: 3 * API_KEY_REQUESTS_PER_SECOND }, (_, i) =>
          i % 2 === 0
            ? gql(VIEWER, {}, { key, from: '198.51.100.1' })
            : send(adPath(), { method: 'GET', key, from: '198.51.100.1' }),
        ),
      );
      const limited = burst.filter((answer) => answer.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      for (const answer of limited)
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other keys are not affected.
      expect((await gql(VIEWER, {}, { key: acmeKey })).body.errors).toBeUndefined();
    });
  });
});
