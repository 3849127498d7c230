import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY, BenchApp, startBenchApp } from '../lib/bench-app';
import { startBenchCluster } from '../lib/bench-cluster';
import { latency, Latency, spread, Spread } from '../lib/stats';
import { ClickTraffic } from '../redirect/click-tokens';
import { registerAds } from '../redirect/register-ads';

export interface FreshnessBenchOptions {
  readonly runs: number;
  readonly seconds: number;
  readonly rate: number;
  readonly log: (line: string) => void;
}

export interface FreshnessBenchResult {
  readonly rate: number;
  readonly achievedRate: Spread;
  /** From a click's 302 to the click counted in clickSeries, milliseconds, per run. */
  readonly p50: Spread;
  readonly p99: Spread;
  readonly probes: number;
  readonly appPeakRssMiB: number | null;
  readonly postgres: string;
}

// Valid and invalid: freshness is how soon a click is counted, whatever the rules make of it
// (the probe is one anonymous user clicking one ad every 200 ms, a repeat from its 4th click).
const SERIES = `query($ad: ID!, $from: DateTime!, $to: DateTime!) {
  clickSeries(adId: $ad, from: $from, to: $to, granularity: MINUTE) { points { clicks invalidClicks } } }`;

/** Longest a probe click may take to be counted before the run fails instead of waiting on. */
const VISIBLE_WITHIN_MS = 60_000;

/**
 * Freshness under a steady load: the one-process app (tracker, projector, API) takes `rate`
 * clicks/s from autocannon while a probe clicks its own ad every 200 ms and asks clickSeries,
 * every 10 ms, until its click is counted.
 */
export async function runFreshnessBench(
  options: FreshnessBenchOptions,
): Promise<FreshnessBenchResult> {
  const db = await startBenchCluster();
  let app: BenchApp | undefined;
  try {
    app = await startBenchApp('all-in-one', db.url);
    const [probeAd, ...loadAds] = await registerAds(app, 11);
    const load = new ClickTraffic(
      loadAds,
      Math.ceil(options.runs * options.seconds * options.rate * 1.2),
    );
    const probes = new ClickTraffic([probeAd], 10_000, false);
    // Let the ad catalog projection see the ads before the clicks come.
    await new Promise((r) => setTimeout(r, 1_000));
    const runs: { rate: number; visible: Latency }[] = [];
    let counted = 0;
    for (let run = 0; run < options.runs; run++) {
      const measured = await measure(app.baseUrl, probeAd, load, probes, counted, options);
      counted += measured.visible.n;
      runs.push(measured);
      options.log(
        `freshness run ${run + 1} at ${measured.rate.toFixed(0)} clicks/s: p50 ${measured.visible.p50.toFixed(0)} ms, ` +
          `p99 ${measured.visible.p99.toFixed(0)} ms over ${measured.visible.n} probes`,
      );
    }
    return {
      rate: options.rate,
      achievedRate: spread(runs.map((r) => r.rate)),
      p50: spread(runs.map((r) => r.visible.p50)),
      p99: spread(runs.map((r) => r.visible.p99)),
      probes: counted,
      appPeakRssMiB: app.peakRssMiB(),
      postgres: db.serverVersion,
    };
  } finally {
    await app?.close();
    await db.close();
  }
}

/** One run: the steady load for `seconds`, with probes one after the other. */
async function measure(
  baseUrl: string,
  probeAd: string,
  load: ClickTraffic,
  probes: ClickTraffic,
  countedBefore: number,
  options: FreshnessBenchOptions,
): Promise<{ rate: number; visible: Latency }> {
  let counted = countedBefore;
  const running = autocannon({
    url: baseUrl,
    connections: 50,
    duration: options.seconds,
    overallRate: options.rate,
    requests: [
      {
        setupRequest: (request) => {
          const next = load.request();
          return { ...request, path: next.path, headers: { 'user-agent': next.userAgent } };
        },
      },
    ],
  });
  const samples: number[] = [];
  const deadline = Date.now() + options.seconds * 1000 - 1_500;
  await new Promise((r) => setTimeout(r, 1_000));
  while (Date.now() < deadline) {
    // Probes always look human (the traffic's crawler share applies to the load only).
    const { path } = probes.request();
    const response = await fetch(`${baseUrl}${path}`, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
    });
    const answered = performance.now();
    if (response.status !== 302) throw new Error(`probe click answered ${response.status}`);
    counted++;
    for (;;) {
      if (performance.now() - answered > VISIBLE_WITHIN_MS)
        throw new Error(`probe click ${counted} not counted within ${VISIBLE_WITHIN_MS} ms`);
      const series = await graphql<{
        clickSeries: { points: { clicks: number; invalidClicks: number }[] };
      }>(
        baseUrl,
        SERIES,
        {
          ad: probeAd,
          from: new Date(Date.now() - 10 * 60_000).toISOString(),
          to: new Date(Date.now() + 60_000).toISOString(),
        },
        BENCH_ADMIN_KEY,
      );
      const total =
        series.data?.clickSeries.points.reduce((n, p) => n + p.clicks + p.invalidClicks, 0) ?? 0;
      if (total >= counted) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    samples.push(performance.now() - answered);
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = await running;
  return { rate: result.requests.average, visible: latency(samples) };
}
