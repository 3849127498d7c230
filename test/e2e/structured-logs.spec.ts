import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@app/database';
import { repositoryRoot } from '@app/runtime';
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

type Line = Record<string, unknown> & { level: string; msg: string };

const WRONG_KEY = 'cs_wrong_key_for_the_log_test_0000000000';

/** Every line the app printed, each of which must be one JSON object. */
function lines(output: string): Line[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Line;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
}

async function waitForLine(app: AppProcess, match: (line: Line) => boolean): Promise<Line> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = lines(app.output()).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such line in:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What an operator's log pipeline receives: JSON lines, one access line per request with the
 * correlation id the response carried, the same id on every line the request caused, and no
 * secret anywhere.
 */
describe('structured logs', () => {
  let db: TestDatabase;
  let app: AppProcess;

  beforeAll(async () => {
    db = await createTestDatabase('logs');
    app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      LOG_LEVEL: 'log',
      AUTH_FAILURES_PER_MINUTE: '2',
      ACCESS_LOG_REDIRECT_SAMPLE: '1',
    });
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  it('writes one access line per request, under the correlation id the response carries', async () => {
    const created = await fetch(`${app.baseUrl}/v1/advertisers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'x-correlation-id': 'log-test-create',
      },
      body: JSON.stringify({ name: 'Logged' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe('log-test-create');
    const access = await waitForLine(app, (l) => l.correlationId === 'log-test-create');
    expect(access).toMatchObject({
      level: 'info',
      app: 'all-in-one',
      req: { method: 'POST', url: '/v1/advertisers' },
      res: { statusCode: 201 },
      msg: 'POST /v1/advertisers 201',
    });
    expect(typeof access.responseTimeMs).toBe('number');
    expect(typeof access.time).toBe('string');

    // Without a caller's id the product makes one, and the line and the header agree.
    const anonymous = await fetch(`${app.baseUrl}/v1/ads`, { method: 'POST' });
    const generated = anonymous.headers.get('x-correlation-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await waitForLine(app, (l) => l.correlationId === generated && l.msg === 'POST /v1/ads 401');
  });

  it('logs a sampled redirect by its route, never its token', async () => {
    const { apiKey } = (
      await postJson<{ apiKey: string }>(
        app.baseUrl,
        '/v1/advertisers',
        { name: 'R' },
        TEST_ADMIN_KEY,
      )
    ).body;
    const ad = await postJson<{ adId: string }>(
      app.baseUrl,
      '/v1/ads',
      { name: 'Logged ad', targetUrl: 'https://shop.example/logged' },
      apiKey,
    );
    const minted = await postJson<{ impressions: { clickUrl: string }[] }>(
      app.baseUrl,
      '/v1/impressions',
      { impressions: [{ adId: ad.body.adId }] },
      apiKey,
    );
    const clickUrl = minted.body.impressions[0].clickUrl;
    const response = await click(clickUrl, { headers: { 'x-correlation-id': 'log-test-click' } });
    expect(response.status).toBe(302);
    const line = await waitForLine(app, (l) => l.correlationId === 'log-test-click');
    expect(line).toMatchObject({
      req: { method: 'GET', url: '/c/:token' },
      res: { statusCode: 302 },
      outcome: 'recorded',
    });
    // A link with a trailing slash still redirects; a mangled one that does not (a doubled
    // slash) is a 404. Either way its token stays out of the log.
    const url = new URL(clickUrl);
    const slashed = await click(`${clickUrl}/`, {
      headers: { 'x-correlation-id': 'log-test-slash' },
    });
    expect(slashed.status).toBe(302);
    const doubled = await fetch(`${url.origin}/${url.pathname}`, {
      redirect: 'manual',
      headers: { 'x-correlation-id': 'log-test-mangled' },
    });
    expect(doubled.status).toBe(404);
    await waitForLine(app, (l) => l.correlationId === 'log-test-mangled');
    await waitForLine(app, (l) => l.correlationId === 'log-test-slash');
    const token = url.pathname.split('/').pop() ?? '';
    expect(app.output()).not.toContain(token);
  });

  it('puts the correlation id on the lines a request causes, not only on its access line', async () => {
    const ids = ['log-test-bad-1', 'log-test-bad-2', 'log-test-bad-3'];
    for (const id of ids) {
      await fetch(`${app.baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${WRONG_KEY}`,
          'x-correlation-id': id,
        },
        body: JSON.stringify({ query: '{ ads { id } }' }),
      });
    }
    // Two wrong keys are allowed; the third request is the first one refused, and says so.
    const warning = await waitForLine(app, (l) => l.context === 'AuthFailureLimiter');
    expect(warning).toMatchObject({ level: 'warn', correlationId: 'log-test-bad-3' });
  });

  it('keeps probes out of the info lines, and secrets out of every line', async () => {
    await fetch(`${app.baseUrl}/healthz`, { headers: { 'x-correlation-id': 'log-test-probe' } });
    await fetch(`${app.baseUrl}/metrics`);
    // Keys where they do not belong: in a query string, and as a correlation id.
    await fetch(`${app.baseUrl}/v1/ads/x?api_key=${TEST_ADMIN_KEY}&q=${WRONG_KEY}`);
    const misused = await fetch(`${app.baseUrl}/healthz`, {
      headers: { 'x-correlation-id': WRONG_KEY },
    });
    expect(misused.headers.get('x-correlation-id')).not.toBe(WRONG_KEY);
    // Let anything pending be written.
    await waitForLine(app, (l) => l.correlationId === 'log-test-bad-3');
    const output = app.output();
    expect(lines(output).some((l) => l.correlationId === 'log-test-probe')).toBe(false);
    const databasePassword = decodeURIComponent(new URL(db.url).password);
    for (const secret of [TEST_ADMIN_KEY, TEST_SIGNING_SECRET, WRONG_KEY, databasePassword]) {
      if (secret) expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/authorization|bearer/i);
  });
});

/** An app started with an address it cannot bind: what it prints, and how it exits. */
async function failedStart(
  app: 'tracker' | 'api',
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [join(repositoryRoot(), 'dist', 'apps', app, 'src', 'main.js')],
    {
      cwd: repositoryRoot(),
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'log', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

/** What an operator reads when a process cannot start, and when it is asked to stop. */
describe('start and stop, in the log', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-logs-'));

  beforeAll(async () => {
    db = await createTestDatabase('lifecycle');
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in one line which address it cannot listen on, and why', async () => {
    // 192.0.2.1 (TEST-NET-1) is no machine's own address. Compose sets METRICS_PORT for every
    // app, and /metrics is bound before the app's port.
    for (const app of ['tracker', 'api'] as const)
      for (const [hostVariable, host] of [
        ['HOST', { HOST: '192.0.2.1' }],
        ['METRICS_HOST', { HOST: '127.0.0.1', METRICS_HOST: '192.0.2.1' }],
      ] as const) {
        const started = await failedStart(app, {
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          ...TEST_SECRETS,
          PORT: String(await freePort()),
          METRICS_PORT: String(await freePort()),
          ...host,
        });
        expect({ app, hostVariable, code: started.code }).toEqual({ app, hostVariable, code: 1 });
        const fatal = lines(started.output).filter((l) => l.level === 'fatal');
        expect(fatal).toHaveLength(1);
        expect(fatal[0].msg).toMatch(
          /^METRICS_PORT=\d+: cannot listen on 192\.0\.2\.1:\d+: 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\); set METRICS_HOST \(default: HOST\)/,
        );
        expect(fatal[0].msg).not.toContain('\n');
      }
    // Without a port of its own for /metrics, the app's port is the one named.
    const started = await failedStart('tracker', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
      PORT: String(await freePort()),
      HOST: '192.0.2.1',
    });
    expect(started.code).toBe(1);
    expect(lines(started.output).filter((l) => l.level === 'fatal')).toEqual([
      expect.objectContaining({
        msg: expect.stringMatching(
          /^PORT=\d+: cannot listen on 192\.0\.2\.1:\d+: 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\); set HOST /,
        ) as unknown,
      }),
    ]);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'drains on %s, logging the signal it was asked to stop by, and that it stopped',
    async (signal) => {
      const tracker = await startApp('tracker', {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        ...TEST_SECRETS,
        LOG_LEVEL: 'log',
      });
      const exit = await tracker.stop(signal);
      expect(exit.signal).toBe(signal);
      const said = lines(tracker.output()).filter((l) => l.context === 'tracker');
      const stopping = said.findIndex((l) => l.msg === `stopping on ${signal}`);
      const stopped = said.findIndex((l) => l.msg === `stopped (${signal})`);
      expect(said[stopping]).toMatchObject({ level: 'info', app: 'tracker' });
      expect(said[stopped]).toMatchObject({ level: 'info', app: 'tracker' });
      expect(stopped).toBeGreaterThan(stopping);
    },
  );
});
