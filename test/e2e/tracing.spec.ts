import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppProcess,
  click,
  createTestDatabase,
  graphql,
  postJson,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
  waitForProjected,
} from '@app/testing';

/** A span as OTLP/JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  links?: { traceId: string; spanId: string }[];
}

interface ExportedSpan extends OtlpSpan {
  service: string;
}

/**
 * A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON at /v1/traces, as a collector's
 * OTLP/HTTP receiver does, and keeps every span with the service that sent it.
 */
class OtlpReceiver {
  readonly spans: ExportedSpan[] = [];
  requests = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      void readBody(req).then((body) => {
        if (req.method !== 'POST' || req.url !== '/v1/traces') {
          res.writeHead(404).end();
          return;
        }
        expect(req.headers['content-type']).toMatch(/^application\/json/);
        const request = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { spans: OtlpSpan[] }[];
          }[];
        };
        for (const { resource, scopeSpans } of request.resourceSpans) {
          const service =
            resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const { spans } of scopeSpans)
            for (const span of spans) this.spans.push({ ...span, service });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  /** Waits until a span matching `test` has arrived. */
  async waitFor(what: string, test: (span: ExportedSpan) => boolean): Promise<ExportedSpan> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = this.spans.find(test);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no ${what} span exported; got: ${this.spans.map((s) => `${s.service}:${s.name}`).join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
}

/**
 * Starts the product, makes an advertiser and an ad, mints one link, clicks it and waits for
 * the click to be projected: what every test here does, traced or not.
 */
async function clickOnce(
  db: TestDatabase,
  dataDir: string,
  env: Record<string, string>,
): Promise<{ app: AppProcess; advertiserKey: string; adId: string; impressionId: string }> {
  const app = await startApp('all-in-one', {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    ...TEST_SECRETS,
    ...env,
  });
  const advertiser = await postJson<{ apiKey: string }>(
    app.baseUrl,
    '/v1/advertisers',
    { name: 'Acme' },
    TEST_ADMIN_KEY,
  );
  expect(advertiser.status).toBe(201);
  const ad = await postJson<{ adId: string }>(
    app.baseUrl,
    '/v1/ads',
    { name: 'Winter sale', targetUrl: 'https://shop.example/winter' },
    advertiser.body.apiKey,
  );
  expect(ad.status).toBe(201);
  const minted = await postJson<{ impressionId: string; clickUrl: string }>(
    app.baseUrl,
    '/v1/impressions',
    { adId: ad.body.adId },
    advertiser.body.apiKey,
  );
  expect(minted.status).toBe(201);
  const response = await click(minted.body.clickUrl);
  expect(response.status).toBe(302);
  await waitForProjected(db.pool, 'click-buckets', 1);
  return {
    app,
    advertiserKey: advertiser.body.apiKey,
    adId: ad.body.adId,
    impressionId: minted.body.impressionId,
  };
}

/** Traces of one click, from the redirect to the projection, as a collector receives them. */
describe('tracing', () => {
  let db: TestDatabase;
  let dataDir: string;
  let receiver: OtlpReceiver;
  let endpoint: string;
  let app: AppProcess | undefined;

  beforeEach(async () => {
    db = await createTestDatabase('tracing');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-tracing-'));
    receiver = new OtlpReceiver();
    endpoint = await receiver.start();
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await receiver.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports one trace from the redirect through the append, and the projection batch links to it', async () => {
    const clicked = await clickOnce(db, dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      // Export within a tenth of a second rather than the default five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    app = clicked.app;

    const redirect = await receiver.waitFor('redirect', (s) => s.name === 'GET /c/:token');
    expect(redirect.service).toBe('all-in-one');
    expect(redirect.kind).toBe(2); // SERVER
    expect(redirect.parentSpanId ?? '').toBe('');
    expect(attribute(redirect, 'http.response.status_code')).toBe(302);
    expect(attribute(redirect, 'clickstream.click.outcome')).toBe('recorded');

    // The append is a child of the redirect, in the same trace.
    const append = await receiver.waitFor(
      'append',
      (s) => s.name === 'event-store append' && s.parentSpanId === redirect.spanId,
    );
    expect(append.traceId).toBe(redirect.traceId);
    expect(attribute(append, 'clickstream.event_store.stream')).toBe(
      `click-${clicked.impressionId}`,
    );
    expect(attribute(append, 'clickstream.event_store.outcome')).toBe('appended');

    // The group commit that wrote it is a trace of its own, linked to the append (and back).
    const commit = await receiver.waitFor('group commit', (s) =>
      (s.links ?? []).some((l) => l.spanId === append.spanId),
    );
    expect(commit.name).toBe('event-store group commit');
    expect(commit.links).toContainEqual(
      expect.objectContaining({ traceId: append.traceId, spanId: append.spanId }),
    );
    expect(append.links).toContainEqual(
      expect.objectContaining({ traceId: commit.traceId, spanId: commit.spanId }),
    );

    // The event carries the redirect span in its metadata, not in its data.
    const { rows } = await db.pool.query<{ data: object; metadata: Record<string, unknown> }>(
      `SELECT data, metadata FROM events WHERE stream_id = $1`,
      [`click-${clicked.impressionId}`],
    );
    expect(rows[0].metadata.traceparent).toBe(`00-${redirect.traceId}-${redirect.spanId}-01`);
    expect(JSON.stringify(rows[0].data)).not.toContain(redirect.traceId);

    // The projection batch that counted the click links back to the redirect.
    const batch = await receiver.waitFor(
      'projection batch',
      (s) => s.name === 'projection batch click-buckets',
    );
    expect(batch.traceId).not.toBe(redirect.traceId);
    expect(batch.links).toContainEqual(
      expect.objectContaining({ traceId: redirect.traceId, spanId: redirect.spanId }),
    );

    // Events recorded without trace context (the ad's, registered over REST, which is not
    // traced) project all the same, in a batch with nothing to link to.
    const catalog = await receiver.waitFor(
      'ad catalog batch',
      (s) => s.name === 'projection batch ad-catalog',
    );
    expect(catalog.links ?? []).toEqual([]);

    // GraphQL: an operation span with a child span per resolver.
    const ads = await graphql(app.baseUrl, 'query MyAds { ads { id } }', {}, clicked.advertiserKey);
    expect(ads.errors).toBeUndefined();
    const operation = await receiver.waitFor('GraphQL operation', (s) => s.name === 'query MyAds');
    const resolver = await receiver.waitFor(
      'GraphQL resolver',
      (s) => s.name === 'Query.ads' && s.parentSpanId === operation.spanId,
    );
    expect(resolver.traceId).toBe(operation.traceId);
  });

  it('flushes the spans still queued when the app stops', async () => {
    const clicked = await clickOnce(db, dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      // Nothing leaves on the timer during the test: only the shutdown can send these.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    app = clicked.app;
    expect(receiver.spans).toEqual([]);
    await app.stop();
    app = undefined;
    expect(receiver.spans.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'GET /c/:token',
        'event-store append',
        'event-store group commit',
        'projection batch click-buckets',
      ]),
    );
  });

  it('redirects as usual with the collector unreachable, and says so at a bounded rate', async () => {
    await receiver.stop();
    const clicked = await clickOnce(db, dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '20',
      OTEL_EXPORTER_OTLP_TIMEOUT: '500',
    });
    app = clicked.app;
    for (let i = 0; i < 20; i++) {
      const minted = await postJson<{ clickUrl: string }>(
        app.baseUrl,
        '/v1/impressions',
        { adId: clicked.adId },
        clicked.advertiserKey,
      );
      const started = Date.now();
      expect((await click(minted.body.clickUrl)).status).toBe(302);
      expect(Date.now() - started).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitForProjected(db.pool, 'click-buckets', 21);
    const failures = app.output().match(/trace export\(s\) failed/g) ?? [];
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBeLessThanOrEqual(2);
  });

  it('exports nothing, and adds nothing to the event, when no endpoint is set', async () => {
    const clicked = await clickOnce(db, dataDir, {
      // The switch unset, whatever the environment running the tests says (empty reads as
      // unset), while everything else points at the receiver: an exporter started by mistake
      // would send there.
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    app = clicked.app;
    await graphql(app.baseUrl, '{ ads { id } }', {}, clicked.advertiserKey);
    const { rows } = await db.pool.query<{ metadata: Record<string, unknown> }>(
      `SELECT metadata FROM events WHERE stream_id = $1`,
      [`click-${clicked.impressionId}`],
    );
    expect(Object.keys(rows[0].metadata)).toEqual(['correlationId']);
    const exit = await app.stop();
    app = undefined;
    expect(exit.signal ?? exit.code).toBeTruthy();
    // Anything queued would have been flushed at shutdown: the receiver was never called.
    expect(receiver.requests).toBe(0);
  });
});
