import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRpcCommand } from '@app/access';
import { freePort } from '@app/database';
import {
  AppName,
  createTestDatabase,
  rootOperations,
  startAppWithSurface,
  SurfacedApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

/**
 * Everything anyone may call without a key, and why. The walk below finds what each app
 * really serves and checks that exactly these answer a caller without a key: opening one more
 * route, operation or message pattern is a change to these lists, made on purpose.
 */
const DASHBOARD = 'the dashboard: holds no data, it asks /graphql with the key you sign in with';
const GRAPHQL_TRANSPORT = 'the GraphQL transport: every operation behind it is walked below';
const PUBLIC_HTTP: Record<string, string> = {
  'GET /c/:token': 'the click redirect: the person clicking has no key, the signed token is proof',
  'HEAD /c/:token': 'the click redirect, as link checkers ask it (records nothing)',
  'GET /healthz': 'liveness probes',
  'HEAD /healthz': 'liveness probes',
  'GET /readyz': 'readiness probes',
  'HEAD /readyz': 'readiness probes',
  'GET /metrics': 'Prometheus scrapes without a key',
  'HEAD /metrics': 'Prometheus scrapes without a key',
  'GET /': DASHBOARD,
  'HEAD /': DASHBOARD,
  'GET /assets/:name': DASHBOARD,
  'HEAD /assets/:name': DASHBOARD,
  'GET /graphql': GRAPHQL_TRANSPORT,
  'HEAD /graphql': GRAPHQL_TRANSPORT,
  'POST /graphql': GRAPHQL_TRANSPORT,
  'OPTIONS /graphql': GRAPHQL_TRANSPORT,
};
const PUBLIC_GRAPHQL: Record<string, string> = {};
const PUBLIC_RPC: Record<string, string> = {};

const NO_KEY = {
  error: 'unauthenticated',
  message: 'send a valid API key as "Authorization: Bearer <key>"',
};

const APPS: readonly AppName[] = ['all-in-one', 'api', 'tracker', 'projector'];

/** A route as Fastify has it (`/v1/ads/:adId`), made into a path to call. */
function concrete(url: string): string {
  return url.replace(/:[^/]+/g, 'walk').replace(/\*/g, 'walk');
}

async function callRoute(
  baseUrl: string,
  method: string,
  url: string,
  apiKey?: string,
): Promise<{ status: number; body: string }> {
  const withBody = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  const response = await fetch(`${baseUrl}${concrete(url)}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(withBody ? { 'content-type': 'application/json' } : {}),
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: withBody ? '{}' : undefined,
  });
  return { status: response.status, body: await response.text() };
}

interface RpcReply {
  response?: unknown;
  err?: { kind?: string; message?: string };
}

/** One command on a new connection (the port takes one per connection), framed as Nest's TCP. */
async function rpc(port: number, pattern: string, data: unknown): Promise<RpcReply> {
  const json = JSON.stringify({ pattern, id: 'access-walk', data });
  const socket = new Socket();
  try {
    return await new Promise<RpcReply>((resolve, reject) => {
      let buffer = '';
      socket.setEncoding('utf8');
      socket.once('error', reject);
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const hash = buffer.indexOf('#');
        const length = Number(buffer.slice(0, hash));
        if (hash > 0 && buffer.length - hash - 1 >= length)
          resolve(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)) as RpcReply);
      });
      socket.once('close', () => reject(new Error(`closed before a reply: ${buffer}`)));
      socket.connect(port, '127.0.0.1', () => socket.write(`${json.length}#${json}`));
    });
  } finally {
    socket.destroy();
  }
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

/**
 * Fail closed, checked from the outside: each app is started as it runs in production, with
 * a recorder that lists what it registered (every HTTP route, every RPC message pattern) and
 * GraphQL's own introspection for the operations; then every one of them is called without a
 * key or credential, and must refuse, unless it is in the lists above.
 */
describe('access, walked over every route, operation and message pattern of every app', () => {
  let db: TestDatabase;
  const publicHttp = new Set<string>();
  const publicGraphql = new Set<string>();
  const publicRpc = new Set<string>();
  const walked = new Set<AppName>();

  beforeAll(async () => {
    db = await createTestDatabase('access_walk');
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe.each(APPS)('%s', (name) => {
    let started: SurfacedApp;
    let dataDir: string;
    let rpcPort: number;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `clickstream-access-walk-${name}-`));
      rpcPort = await freePort();
      started = await startAppWithSurface(name, {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        PROJECTOR_RPC_PORT: String(rpcPort),
        ...TEST_SECRETS,
      });
    });
    afterAll(async () => {
      await started?.app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('refuses every HTTP route without a key with 401, but the public ones', async () => {
      const routes = started.surface.http;
      expect(routes).toContainEqual({ method: 'GET', url: '/healthz' });
      for (const { method, url } of routes) {
        const route = `${method} ${url}`;
        const { status, body } = await callRoute(started.app.baseUrl, method, url);
        if (status !== 401) publicHttp.add(route);
        if (route in PUBLIC_HTTP) continue;
        const refusal = method === 'HEAD' || status !== 401 ? body : (JSON.parse(body) as unknown);
        expect({ route, status, refusal }).toEqual({
          route,
          status: 401,
          refusal: method === 'HEAD' ? '' : NO_KEY,
        });
      }
      walked.add(name);
    });

    it('lets the admin key past the guard on every other route', async () => {
      for (const { method, url } of started.surface.http) {
        const route = `${method} ${url}`;
        if (route in PUBLIC_HTTP) continue;
        const { status } = await callRoute(started.app.baseUrl, method, url, TEST_ADMIN_KEY);
        // Made-up paths and bodies may well be refused (400, 404), but not by the guard.
        expect({ route, refused: [401, 403, 500].includes(status) }).toEqual({
          route,
          refused: false,
        });
      }
    });

    it('refuses every GraphQL operation without a key with UNAUTHENTICATED', async () => {
      const served = started.surface.http.some((r) => r.method === 'POST' && r.url === '/graphql');
      // The apps that serve the API serve GraphQL; the others must not.
      expect(served).toBe(name === 'all-in-one' || name === 'api');
      if (!served) return;
      const operations = await rootOperations(started.app.baseUrl);
      expect(operations.map((o) => o.name)).toEqual(
        expect.arrayContaining(['createAdvertiser', 'registerAd', 'ads', 'rebuildProjections']),
      );
      for (const { operation, name: field, call } of operations) {
        const response = await call();
        const refusals = (response.errors ?? []).map((e) => [e.extensions?.code, e.message]);
        const refused = refusals.length === 1 && refusals[0][0] === 'UNAUTHENTICATED';
        const root = `${operation} ${field}`;
        if (!refused || response.data) publicGraphql.add(root);
        if (root in PUBLIC_GRAPHQL) continue;
        expect({ root, refusals, data: response.data ?? null }).toEqual({
          root,
          refusals: [['UNAUTHENTICATED', NO_KEY.message]],
          data: null,
        });
      }
    });

    it('refuses every RPC message pattern without a valid credential', async () => {
      const patterns = started.surface.rpc;
      // The apps that project listen for commands; the others must not.
      expect(patterns.length > 0).toBe(name === 'all-in-one' || name === 'projector');
      // An event pattern answers nothing, so this walk could not see it refused: make the
      // walk able to tell before adding one.
      expect(patterns.filter((p) => p.event)).toEqual([]);
      for (const { pattern } of patterns) {
        const bare = await rpc(rpcPort, pattern, {});
        const forged = await rpc(rpcPort, pattern, {
          credential: signRpcCommand(`not-${TEST_ADMIN_KEY}`, pattern, {}),
        });
        const refusals = [bare.err?.kind, forged.err?.kind];
        if (refusals.some((kind) => kind !== 'unauthenticated')) publicRpc.add(pattern);
        if (pattern in PUBLIC_RPC) continue;
        expect({ pattern, refusals }).toEqual({
          pattern,
          refusals: ['unauthenticated', 'unauthenticated'],
        });
      }
    });
  });

  it('finds exactly the allow-listed routes, operations and patterns open, across all apps', () => {
    expect(sorted(walked)).toEqual(sorted(APPS));
    expect(sorted(publicHttp)).toEqual(sorted(Object.keys(PUBLIC_HTTP)));
    expect(sorted(publicGraphql)).toEqual(sorted(Object.keys(PUBLIC_GRAPHQL)));
    expect(sorted(publicRpc)).toEqual(sorted(Object.keys(PUBLIC_RPC)));
  });
});
