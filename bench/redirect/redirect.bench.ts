import { BenchApp, startBenchApp, startYardstick } from '../lib/bench-app';
import { BenchDatabase, startBenchCluster } from '../lib/bench-cluster';
import { OtlpSink, startOtlpSink } from '../lib/otlp-sink';
import { postgresMemoryMiB } from '../lib/memory';
import { Spread, spread } from '../lib/stats';
import { runWrk, WrkResult } from '../lib/wrk';
import { removeTokens, writeClickTokens } from '../lib/wrk-tokens';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asVersion1,
  captureProductRow,
  countRows,
  settledCount,
  createSmallRowTable,
  VERSION_1_ROW_TABLE,
} from './product-row';
import { registerAds } from './register-ads';

export interface RedirectBenchOptions {
  readonly runs: number;
  readonly seconds: number;
  readonly log: (line: string) => void;
}

export const CONNECTIONS = [50, 200] as const;

/** The servers under load, in the order each round runs them. */
export const SERVERS = {
  a: '(a) bare Fastify, 302',
  b: '(b) bare NestJS on Fastify, 302',
  c: '(c) minimal durable click',
  cPrime: "(c′) the product's row into a copy of events",
  cVersion1: '(c″) the same row as ClickRecorded version 1 stored it (no facts)',
  product: 'product `GET /c/:token`',
  productTraced: 'product `GET /c/:token`, tracing on (OTLP/HTTP to a local sink)',
  productRanges: 'product `GET /c/:token`, 10,000 data-centre ranges loaded',
  head: 'product `HEAD /c/:token` (verified, not recorded)',
} as const;
export type ServerKey = keyof typeof SERVERS;

export interface LoadFigures {
  readonly requestsPerSecond: Spread;
  /** New rows committed per second (null where the server writes nothing). */
  readonly durablePerSecond: Spread | null;
  readonly p50: Spread;
  readonly p99: Spread;
  readonly p999: Spread;
  /** Socket errors, timeouts and non-3xx answers, summed over the rounds. */
  readonly errors: number;
}

export interface TargetCheck {
  readonly target: string;
  /** The ratio per round, then its median. */
  readonly ratio: Spread;
  readonly threshold: number;
  readonly atLeast: boolean;
  readonly met: boolean;
}

export interface RedirectBenchResult {
  readonly generator: string;
  /** Keyed by server, then by connections. */
  readonly cases: Record<ServerKey, Record<number, LoadFigures>>;
  readonly targets: readonly TargetCheck[];
  /** The product's best median durable clicks/s over the connection counts (sustained uses it). */
  readonly bestDurablePerSecond: number;
  readonly trackerPeakRssMiB: number | null;
  /** PostgreSQL's memory at its peak under the load (private memory of every process + shared once). */
  readonly postgresPeakMiB: number;
  readonly postgres: string;
  /** What the traced tracer sent its sink over the whole run (warm-up included). */
  readonly tracesExported: { readonly requests: number; readonly MiB: number };
}

interface Sample {
  readonly wrk: WrkResult;
  readonly durable: number | null;
}

/** Fresh tokens enough for the fastest durable rate this machine could plausibly reach. */
const FRESH_PER_SECOND = 20_000;

/**
 * GET /c/:token on the tracker (its own process, PostgreSQL on the same machine, fsync on),
 * interleaved round by round with the bench's yardsticks (bench/yardsticks/), each a process of
 * its own started like the apps, all driven by wrk (bench/lib/wrk.ts). All servers stay up for
 * the whole run; the ones not under load idle.
 */
export async function runRedirectBench(
  options: RedirectBenchOptions,
): Promise<RedirectBenchResult> {
  const { log } = options;
  const db: BenchDatabase = await startBenchCluster();
  const started: BenchApp[] = [];
  const start = async (app: Promise<BenchApp>) => {
    const running = await app;
    started.push(running);
    return running;
  };
  const tokens: string[] = [];
  const rangesFile = join(tmpdir(), `clickstream-bench-ranges-${process.pid}.txt`);
  let sink: OtlpSink | undefined;
  try {
    const api = await startBenchApp('api', db.url);
    const ads = await registerAds(api, 20);
    await api.close();
    const tracker = await start(startBenchApp('tracker', db.url));
    const quick = options.seconds < 10;
    const warmSeconds = quick ? 1 : 2;
    // Valid tokens for the servers that record nothing (a token may come round again there).
    const reusable = await writeClickTokens(ads, quick ? 20_000 : 60_000);
    tokens.push(reusable);

    // Unmeasured warm-up of the tracker, which also leaves the ClickRecorded row (c′) copies.
    const warmTokens = await writeClickTokens(ads, warmSeconds * FRESH_PER_SECOND);
    tokens.push(warmTokens);
    await runWrk(
      { url: tracker.baseUrl, tokensFile: warmTokens, connections: 50, seconds: warmSeconds },
      log,
    );
    // A second tracker, the same but tracing on: its spans go to a sink in this process.
    sink = await startOtlpSink();
    const traced = await start(
      startBenchApp('tracker', db.url, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }),
    );
    const warmTraced = await writeClickTokens(ads, warmSeconds * FRESH_PER_SECOND);
    tokens.push(warmTraced);
    await runWrk(
      { url: traced.baseUrl, tokensFile: warmTraced, connections: 50, seconds: warmSeconds },
      log,
    );
    // A third tracker with a data-centre list the size of the clouds' published ones: every
    // click's address is looked up in it (the bench's clicks come from loopback, in none).
    writeFileSync(rangesFile, syntheticRanges(10_000));
    const ranged = await start(
      startBenchApp('tracker', db.url, { QUALITY_DATACENTER_RANGES: rangesFile }),
    );
    const warmRanged = await writeClickTokens(ads, warmSeconds * FRESH_PER_SECOND);
    tokens.push(warmRanged);
    await runWrk(
      { url: ranged.baseUrl, tokensFile: warmRanged, connections: 50, seconds: warmSeconds },
      log,
    );
    const small = await createSmallRowTable(db.pool);
    const productRow = await captureProductRow(db.pool);
    const version1Row = await captureProductRow(db.pool, VERSION_1_ROW_TABLE, asVersion1);
    const urls: Record<ServerKey, string> = {
      a: (await start(startYardstick('bare-fastify', db.url))).baseUrl,
      b: (await start(startYardstick('bare-nest', db.url))).baseUrl,
      c: (
        await start(
          startYardstick('durable-click', db.url, { DURABLE_CLICK_ROW: JSON.stringify(small) }),
        )
      ).baseUrl,
      cPrime: (
        await start(
          startYardstick('durable-click', db.url, {
            DURABLE_CLICK_ROW: JSON.stringify(productRow),
          }),
        )
      ).baseUrl,
      cVersion1: (
        await start(
          startYardstick('durable-click', db.url, {
            DURABLE_CLICK_ROW: JSON.stringify(version1Row),
          }),
        )
      ).baseUrl,
      product: tracker.baseUrl,
      productTraced: traced.baseUrl,
      productRanges: ranged.baseUrl,
      head: tracker.baseUrl,
    };
    const durableTable: Partial<Record<ServerKey, string>> = {
      c: small.table,
      cPrime: productRow.table,
      cVersion1: version1Row.table,
      // The tracker appends nothing but clicks during the run: new rows in the log are clicks.
      product: 'events',
      productTraced: 'events',
      productRanges: 'events',
      head: 'events',
    };
    const servers = Object.keys(SERVERS) as ServerKey[];
    // Quick mode is a smoke test: its figures are not quoted, so it spends no time warming these.
    for (const server of quick ? [] : (['a', 'b', 'c', 'cPrime', 'cVersion1', 'head'] as const))
      await runWrk(
        {
          url: urls[server],
          tokensFile: reusable,
          connections: 50,
          seconds: warmSeconds,
          method: server === 'head' ? 'HEAD' : 'GET',
        },
        log,
      );

    const samples = new Map<string, Sample[]>();
    let postgresPeak = 0;
    const sampler = setInterval(
      () => (postgresPeak = Math.max(postgresPeak, postgresMemoryMiB(db.pid))),
      1_000,
    );
    try {
      for (let round = 0; round < options.runs; round++)
        for (const connections of CONNECTIONS)
          for (const server of servers) {
            const fresh =
              server === 'product' || server === 'productTraced' || server === 'productRanges';
            const tokensFile = fresh
              ? await writeClickTokens(ads, options.seconds * FRESH_PER_SECOND)
              : reusable;
            const table = durableTable[server];
            const before = table ? await settledCount(db.pool, table) : 0;
            const wrk = await runWrk(
              {
                url: urls[server],
                tokensFile,
                connections,
                seconds: options.seconds,
                method: server === 'head' ? 'HEAD' : 'GET',
              },
              log,
            );
            if (fresh) removeTokens(tokensFile);
            const durable = table
              ? ((await countRows(db.pool, table)) - before) / wrk.seconds
              : null;
            if (fresh && wrk.exhausted > 0)
              log(`  ${wrk.exhausted} requests repeated a token for want of fresh ones`);
            const key = `${server}@${connections}`;
            samples.set(key, [...(samples.get(key) ?? []), { wrk, durable }]);
            log(
              `round ${round + 1}, ${connections} connections, ${SERVERS[server]}: ` +
                `${wrk.requestsPerSecond.toFixed(0)} req/s, ` +
                `${durable === null ? '—' : durable.toFixed(0)} durable/s, p50 ${wrk.p50Ms.toFixed(1)} ms, ` +
                `p99 ${wrk.p99Ms.toFixed(1)} ms, p99.9 ${wrk.p999Ms.toFixed(1)} ms, ${wrk.errors} errors`,
            );
          }
    } finally {
      clearInterval(sampler);
    }

    const of = (server: ServerKey, connections: number) =>
      samples.get(`${server}@${connections}`) ?? [];
    const cases = Object.fromEntries(
      servers.map((server) => [
        server,
        Object.fromEntries(
          CONNECTIONS.map((connections) => {
            const s = of(server, connections);
            const durable = s.map((x) => x.durable);
            return [
              connections,
              {
                requestsPerSecond: spread(s.map((x) => x.wrk.requestsPerSecond)),
                durablePerSecond: durable.every((d) => d !== null)
                  ? spread(durable as number[])
                  : null,
                p50: spread(s.map((x) => x.wrk.p50Ms)),
                p99: spread(s.map((x) => x.wrk.p99Ms)),
                p999: spread(s.map((x) => x.wrk.p999Ms)),
                errors: s.reduce((n, x) => n + x.wrk.errors, 0),
              } satisfies LoadFigures,
            ];
          }),
        ),
      ]),
    ) as Record<ServerKey, Record<number, LoadFigures>>;

    // Ratios are taken round by round (the two sides ran minutes apart at most), then the median.
    const ratio = (
      target: string,
      top: (s: Sample) => number,
      bottom: (s: Sample) => number,
      topServer: ServerKey,
      bottomServer: ServerKey,
      connections: number,
      threshold: number,
      atLeast: boolean,
    ): TargetCheck => {
      const a = of(topServer, connections);
      const b = of(bottomServer, connections);
      const r = spread(a.map((x, i) => top(x) / bottom(b[i])));
      return {
        target,
        ratio: r,
        threshold,
        atLeast,
        met: atLeast ? r.median >= threshold : r.median <= threshold,
      };
    };
    const durable = (s: Sample) => s.durable ?? 0;
    const p99 = (s: Sample) => s.wrk.p99Ms;
    const rps = (s: Sample) => s.wrk.requestsPerSecond;
    const targets = CONNECTIONS.flatMap((n) => [
      ratio(
        `product durable/s ÷ (c) durable/s, ${n} connections`,
        durable,
        durable,
        'product',
        'c',
        n,
        0.8,
        true,
      ),
      ratio(`product p99 ÷ (c) p99, ${n} connections`, p99, p99, 'product', 'c', n, 2, false),
      ratio(
        `product durable/s, tracing on ÷ off, ${n} connections`,
        durable,
        durable,
        'productTraced',
        'product',
        n,
        0.8,
        true,
      ),
      ratio(
        `product HEAD req/s ÷ (b) req/s, ${n} connections`,
        rps,
        rps,
        'head',
        'b',
        n,
        0.6,
        true,
      ),
    ]);
    return {
      generator: 'wrk 4 (Debian), 2 threads, Lua script bench/lib/wrk-click-script.ts',
      cases,
      targets,
      bestDurablePerSecond: Math.max(
        ...CONNECTIONS.map((n) => cases.product[n].durablePerSecond?.median ?? 0),
      ),
      trackerPeakRssMiB: tracker.peakRssMiB(),
      postgresPeakMiB: postgresPeak,
      postgres: db.serverVersion,
      tracesExported: {
        requests: sink.totals().requests,
        MiB: Math.round(sink.totals().bytes / 2 ** 20),
      },
    };
  } finally {
    for (const app of started.reverse()) await app.close();
    await sink?.close();
    for (const file of tokens) removeTokens(file);
    rmSync(rangesFile, { force: true });
    await db.close();
  }
}

/** `count` disjoint IPv4 ranges from /16 to /24, one per /16 from 1.0.0.0 (far below 127/8). */
function syntheticRanges(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = (1 << 24) + i * 65_536;
    lines.push(`${start >>> 24}.${(start >>> 16) & 255}.0.0/${16 + (i % 9)}`);
  }
  return `${lines.join('\n')}\n`;
}
