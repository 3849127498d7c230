import autocannon from 'autocannon';
import { Pool } from 'pg';
import { BenchApp, startBenchApp, startYardstick } from '../lib/bench-app';
import { BenchDatabase, startBenchCluster } from '../lib/bench-cluster';
import { peakWhile, postgresMemoryMiB } from '../lib/memory';
import { Spread, spread } from '../lib/stats';
import { ClickTraffic } from './click-tokens';
import { registerAds } from './register-ads';

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

/**
 * GET /c/:token against the tracker alone (its own process, PostgreSQL beside it, autocannon
 * in this process), beside the no-append baseline in the same run: the bench's
 * redirect-without-append yardstick (bench/yardsticks/), the tracker's own modules with a
 * click's append answered unwritten. Both stay up for the whole run; the one not under load
 * idles.
 */
export async function runRedirectBench(
  options: RedirectBenchOptions,
): Promise<RedirectBenchResult> {
  const db: BenchDatabase = await startBenchCluster();
  let api: BenchApp | undefined;
  let tracker: BenchApp | undefined;
  let yardstick: BenchApp | undefined;
  try {
    api = await startBenchApp('api', db.url);
    const ads = await registerAds(api, 20);
    await api.close();
    api = undefined;
    tracker = await startBenchApp('tracker', db.url);
    yardstick = await startYardstick('redirect-without-append', db.url);

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
      { name: 'durable, 50 connections', url: tracker.baseUrl, connections: 50 },
      { name: 'durable, 200 connections', url: tracker.baseUrl, connections: 200 },
      { name: 'baseline (no append), 50 connections', url: yardstick.baseUrl, connections: 50 },
      { name: 'baseline (no append), 200 connections', url: yardstick.baseUrl, connections: 200 },
      {
        name: 'durable, fixed 5,000 clicks/s',
        url: tracker.baseUrl,
        connections: 100,
        rate: 5_000,
      },
    ];
    // When the baseline was a route of the tracker, the durable cases before it had warmed the
    // JIT on the same code; the yardstick is a process of its own, so it gets that warm-up here
    // (unmeasured), or short runs would time its compilation.
    const warmUp = new ClickTraffic(ads, 40_000);
    await autocannon({
      url: yardstick.baseUrl,
      connections: 50,
      duration: 2,
      requests: [{ setupRequest: (request) => ({ ...request, path: warmUp.request().path }) }],
    });
    let postgresPeak = 0;
    for (let run = 0; run < options.runs; run++) {
      for (const c of cases) {
        // Enough fresh tokens for the fastest rate this machine could reach.
        const traffic = new ClickTraffic(ads, Math.ceil(options.seconds * 20_000));
        const before = await events(db.pool);
        const { result, peak } = await peakWhile(
          () => postgresMemoryMiB(db.pid),
          autocannon({
            url: c.url,
            connections: c.connections,
            duration: options.seconds,
            overallRate: c.rate,
            timeout: 10,
            requests: [
              {
                setupRequest: (request) => {
                  const next = traffic.request();
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
    await yardstick?.close();
    await tracker?.close();
    await api?.close();
    await db.close();
  }
}
