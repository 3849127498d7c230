import autocannon from 'autocannon';
import { graphql } from '@app/testing';
import { Pool } from 'pg';
import { BENCH_ADMIN_KEY, BenchApp, startBenchApp } from '../lib/bench-app';
import { BenchDatabase, startBenchCluster } from '../lib/bench-cluster';
import { peakWhile, postgresMemoryMiB } from '../lib/memory';
import { Spread, spread } from '../lib/stats';
import { ClickTraffic } from './click-tokens';

export interface RedirectBenchOptions {
  readonly runs: number;
  readonly seconds: number;
  readonly log: (line: string) => void;
}

export interface LoadFigures {
  readonly requestsPerSecond: Spread;
  /** New ClickRecorded events per second (the durable part; repeats and the baseline add none). */
  readonly durablePerSecond: Spread;
  readonly p50: Spread;
  readonly p99: Spread;
  readonly p999: Spread;
  readonly errors: number;
}

export interface RedirectBenchResult {
  readonly cases: Record<string, LoadFigures>;
  /** Durable clicks/s over the baseline's requests/s, per run, at 50 and 200 connections. */
  readonly ratio50: Spread;
  readonly ratio200: Spread;
  readonly trackerPeakRssMiB: number | null;
  /** PostgreSQL's memory at its peak under the load (private memory of every process + shared once). */
  readonly postgresPeakMiB: number;
  readonly postgres: string;
}

async function events(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM events WHERE event_type = 'ClickRecorded'`,
  );
  return Number(rows[0].n);
}

/** Two ads registered through the API, as an advertiser would. */
export async function registerAds(app: BenchApp, count: number): Promise<string[]> {
  const created = await graphql<{ createAdvertiser: { apiKey: string } }>(
    app.baseUrl,
    'mutation { createAdvertiser(name: "bench") { apiKey } }',
    {},
    BENCH_ADMIN_KEY,
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ad = await graphql<{ registerAd: { id: string } }>(
      app.baseUrl,
      'mutation($n: String!) { registerAd(input: { name: $n, targetUrl: "https://shop.example/landing" }) { id } }',
      { n: `bench ad ${i}` },
      created.data.createAdvertiser.apiKey,
    );
    if (!ad.data) throw new Error(JSON.stringify(ad.errors));
    ids.push(ad.data.registerAd.id);
  }
  return ids;
}

/**
 * GET /c/:token against the tracker alone (its own process, PostgreSQL beside it, autocannon
 * in this process), beside the same server's no-append baseline route in the same run.
 */
export async function runRedirectBench(
  options: RedirectBenchOptions,
): Promise<RedirectBenchResult> {
  const db: BenchDatabase = await startBenchCluster();
  let api: BenchApp | undefined;
  let tracker: BenchApp | undefined;
  try {
    api = await startBenchApp('api', db.url);
    const ads = await registerAds(api, 20);
    await api.close();
    api = undefined;
    tracker = await startBenchApp('tracker', db.url, { BENCH_BASELINE_ROUTE: 'on' });
    const url = tracker.baseUrl;

    const samples: Record<
      string,
      {
        rps: number[];
        durable: number[];
        p50: number[];
        p99: number[];
        p999: number[];
        errors: number;
      }
    > = {};
    const cases = [
      { name: 'durable, 50 connections', prefix: '/c/', connections: 50 },
      { name: 'durable, 200 connections', prefix: '/c/', connections: 200 },
      { name: 'baseline (no append), 50 connections', prefix: '/bench/c/', connections: 50 },
      { name: 'baseline (no append), 200 connections', prefix: '/bench/c/', connections: 200 },
      { name: 'durable, fixed 5,000 clicks/s', prefix: '/c/', connections: 100, rate: 5_000 },
    ];
    let postgresPeak = 0;
    for (let run = 0; run < options.runs; run++) {
      for (const c of cases) {
        // Enough fresh tokens for the fastest rate this machine could reach.
        const traffic = new ClickTraffic(ads, Math.ceil(options.seconds * 20_000));
        const before = await events(db.pool);
        const { result, peak } = await peakWhile(
          () => postgresMemoryMiB(db.pid),
          autocannon({
            url,
            connections: c.connections,
            duration: options.seconds,
            overallRate: c.rate,
            timeout: 10,
            requests: [
              {
                setupRequest: (request) => {
                  const next = traffic.request(c.prefix);
                  return { ...request, path: next.path, headers: { 'user-agent': next.userAgent } };
                },
              },
            ],
          }),
        );
        postgresPeak = Math.max(postgresPeak, peak);
        const durable = ((await events(db.pool)) - before) / result.duration;
        const s = (samples[c.name] ??= {
          rps: [],
          durable: [],
          p50: [],
          p99: [],
          p999: [],
          errors: 0,
        });
        s.rps.push(result.requests.average);
        s.durable.push(durable);
        s.p50.push(result.latency.p50);
        s.p99.push(result.latency.p99);
        s.p999.push(result.latency.p99_9);
        s.errors += result.errors + result.timeouts + result['4xx'] + result['5xx'];
        options.log(
          `run ${run + 1} ${c.name}: ${result.requests.average.toFixed(0)} req/s, ${durable.toFixed(0)} durable/s, ` +
            `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, p99.9 ${result.latency.p99_9} ms`,
        );
      }
    }
    const figures = Object.fromEntries(
      Object.entries(samples).map(([name, s]) => [
        name,
        {
          requestsPerSecond: spread(s.rps),
          durablePerSecond: spread(s.durable),
          p50: spread(s.p50),
          p99: spread(s.p99),
          p999: spread(s.p999),
          errors: s.errors,
        },
      ]),
    );
    const ratio = (connections: number) =>
      spread(
        samples[`durable, ${connections} connections`].durable.map(
          (d, i) => d / samples[`baseline (no append), ${connections} connections`].rps[i],
        ),
      );
    return {
      cases: figures,
      ratio50: ratio(50),
      ratio200: ratio(200),
      trackerPeakRssMiB: tracker.peakRssMiB(),
      postgresPeakMiB: postgresPeak,
      postgres: db.serverVersion,
    };
  } finally {
    await tracker?.close();
    await api?.close();
    await db.close();
  }
}
