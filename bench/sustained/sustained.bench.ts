import { BenchApp, startBenchApp } from '../lib/bench-app';
import { BenchDatabase, startBenchCluster } from '../lib/bench-cluster';
import { percentile } from '../lib/stats';
import { runWrk, WrkResult } from '../lib/wrk';
import { removeTokens, writeClickTokens } from '../lib/wrk-tokens';
import { countRows } from '../redirect/product-row';
import { registerAds } from '../redirect/register-ads';
import { projectionLagMs, readModelClicks } from './projection-lag';
import { heapUsedMiB } from './heap-samples';
import { FLAT_RULE, RssFigures, rssFigures, rssMiB, Sample, windowMs } from './rss-samples';

export interface SustainedBenchOptions {
  readonly seconds: number;
  /** Unmeasured load at the offered rate before the measured run. */
  readonly warmUpSeconds: number;
  /** The product's best durable clicks/s and where it came from; null: measure it here. */
  readonly best: { readonly perSecond: number; readonly source: string } | null;
  readonly log: (line: string) => void;
}

export interface SustainedBenchResult {
  readonly generator: string;
  readonly seconds: number;
  readonly bestDurablePerSecond: number;
  readonly bestSource: string;
  readonly offeredPerSecond: number;
  /** Requests answered per second, and new clicks recorded per second. */
  readonly achievedPerSecond: number;
  readonly recordedPerSecond: number;
  /** wrk's latency of the answered requests, from send to answer (paced: no queueing in wrk). */
  readonly latency: { p50Ms: number; p99Ms: number; p999Ms: number };
  readonly errors: { socket: number; timeouts: number; non3xx: number; droppedSlots: number };
  readonly exactlyOnce: {
    readonly freshSent: number;
    readonly fresh302: number;
    readonly recorded: number;
    /** Fresh clicks recorded whose answer wrk did not wait for when its time was up. */
    readonly inFlightAtStop: number;
    readonly readModels: number;
    readonly catchUpSeconds: number;
    readonly ok: boolean;
  };
  readonly lag: {
    readonly samples: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly met: boolean;
  };
  readonly memory: {
    readonly tracker: RssFigures;
    readonly projector: RssFigures;
    readonly rule: string;
    /** How long each of the two windows the rule compares lasts. */
    readonly windowSeconds: number;
  };
}

const SAMPLE_MS = 250;
/** The heap is read over HTTP from /metrics: once a second is plenty and costs the apps nothing. */
const HEAP_SAMPLE_MS = 1_000;

/**
 * The product end to end under a steady load: tracker and projector as separate processes on
 * one bench cluster, offered 60 % of the product's best durable rate by paced wrk, with the
 * projection lag and both processes' memory sampled every 250 ms. Every click that got a 302
 * must be in the log exactly once and, after the projector catches up, in the read models; a
 * miss throws, so the bench run fails.
 */
export async function runSustainedBench(
  options: SustainedBenchOptions,
): Promise<SustainedBenchResult> {
  const { log } = options;
  const db: BenchDatabase = await startBenchCluster();
  const started: BenchApp[] = [];
  const tokens: string[] = [];
  try {
    const api = await startBenchApp('api', db.url);
    const ads = await registerAds(api, 20);
    await api.close();
    const tracker = await startBenchApp('tracker', db.url);
    started.push(tracker);
    const projector = await startBenchApp('projector', db.url);
    started.push(projector);

    let best = options.best;
    if (!best) {
      const file = await writeClickTokens(ads, 10 * 25_000);
      tokens.push(file);
      const before = await countRows(db.pool, 'events');
      const probe = await runWrk(
        { url: tracker.baseUrl, tokensFile: file, connections: 200, seconds: 10 },
        log,
      );
      best = {
        perSecond: ((await countRows(db.pool, 'events')) - before) / probe.seconds,
        source: 'a 10 s closed-loop wrk run at 200 connections before the sustained load',
      };
    }
    const offered = Math.max(1, Math.round(0.6 * best.perSecond));
    log(
      `sustained: offering ${offered} clicks/s (60 % of ${best.perSecond.toFixed(0)}) for ${options.seconds} s`,
    );

    // Unmeasured warm-up at the offered rate: the JIT of both processes, and a first click batch
    // that takes the projection's checkpoint past the ad events it does not handle (the lag
    // counts events past the checkpoint).
    const warmFile = await writeClickTokens(
      ads,
      Math.ceil(offered * options.warmUpSeconds * 1.2) + 100,
    );
    tokens.push(warmFile);
    await runWrk(
      {
        url: tracker.baseUrl,
        tokensFile: warmFile,
        connections: 200,
        seconds: options.warmUpSeconds,
        rate: offered,
      },
      log,
    );
    await waitCaughtUp(db, 60_000);
    const eventsBefore = await countRows(db.pool, 'events');
    const readModelsBefore = await readModelClicks(db.pool);
    // Enough fresh tokens for the whole run at the offered rate, with room to spare.
    const file = await writeClickTokens(ads, Math.ceil(offered * options.seconds * 1.2) + 1_000);
    tokens.push(file);

    const lags: number[] = [];
    const apps = [
      ['tracker', tracker],
      ['projector', projector],
    ] as const;
    const rss = { tracker: [] as Sample[], projector: [] as Sample[] };
    const heap = { tracker: [] as Sample[], projector: [] as Sample[] };
    const t0 = Date.now();
    let sampling = true;
    const heapSampler = (async () => {
      while (sampling) {
        const next = Date.now() + HEAP_SAMPLE_MS;
        for (const [name, app] of apps) {
          const mib = await heapUsedMiB(app.baseUrl);
          if (mib !== null) heap[name].push({ atMs: Date.now() - t0, mib });
        }
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    })();
    const sampler = (async () => {
      while (sampling) {
        const next = Date.now() + SAMPLE_MS;
        lags.push(await projectionLagMs(db.pool));
        const atMs = Date.now() - t0;
        for (const [name, app] of apps) {
          const mib = rssMiB(app.child.pid);
          if (mib !== null) rss[name].push({ atMs, mib });
        }
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    })();
    let wrk: WrkResult;
    try {
      wrk = await runWrk(
        {
          url: tracker.baseUrl,
          tokensFile: file,
          // Enough connections that a slow moment does not throttle the offered rate.
          connections: 200,
          seconds: options.seconds,
          rate: offered,
          tagRequests: true,
        },
        log,
      );
    } finally {
      sampling = false;
      await sampler;
      await heapSampler;
    }

    const catchUpStart = Date.now();
    await waitCaughtUp(db, 120_000);
    const catchUpSeconds = (Date.now() - catchUpStart) / 1000;
    const recorded = (await countRows(db.pool, 'events')) - eventsBefore;
    const readModels = (await readModelClicks(db.pool)) - readModelsBefore;
    const answered3xx = wrk.requests - wrk.non3xx;
    // The tracker echoes the correlation id each fresh request carried; should it stop, fall
    // back to the bound that holds anyway: every request not answered 3xx might have been fresh.
    const fresh302 =
      wrk.fresh3xx > 0 || answered3xx === 0 ? wrk.fresh3xx : wrk.fresh - (wrk.sent - answered3xx);
    const ok = recorded >= fresh302 && recorded <= wrk.fresh && readModels === recorded;
    const sorted = [...lags].sort((a, b) => a - b);
    const warmUpMs = Math.min(10_000, (options.seconds * 1000) / 5);
    const runMs = wrk.seconds * 1000;
    const result: SustainedBenchResult = {
      generator: 'wrk 4 (Debian), 2 threads, 200 connections, paced by the Lua script’s delay()',
      seconds: wrk.seconds,
      bestDurablePerSecond: best.perSecond,
      bestSource: best.source,
      offeredPerSecond: offered,
      achievedPerSecond: wrk.requestsPerSecond,
      recordedPerSecond: recorded / wrk.seconds,
      latency: { p50Ms: wrk.p50Ms, p99Ms: wrk.p99Ms, p999Ms: wrk.p999Ms },
      errors: {
        socket: wrk.socketErrors,
        timeouts: wrk.timeouts,
        non3xx: wrk.non3xx,
        droppedSlots: wrk.droppedSlots,
      },
      exactlyOnce: {
        freshSent: wrk.fresh,
        fresh302,
        recorded,
        inFlightAtStop: recorded - fresh302,
        readModels,
        catchUpSeconds,
        ok,
      },
      lag: {
        samples: sorted.length,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1] ?? NaN,
        met: percentile(sorted, 99) < 1000,
      },
      memory: {
        tracker: rssFigures(rss.tracker, heap.tracker, warmUpMs, runMs),
        projector: rssFigures(rss.projector, heap.projector, warmUpMs, runMs),
        rule: FLAT_RULE,
        windowSeconds: windowMs(runMs, warmUpMs) / 1000,
      },
    };
    log(
      `sustained: ${wrk.requestsPerSecond.toFixed(0)} req/s answered of ${offered} offered, ` +
        `${result.recordedPerSecond.toFixed(0)} recorded/s; fresh sent ${wrk.fresh}, fresh 302 ${fresh302}, ` +
        `recorded ${recorded}, in the read models ${readModels}; lag p99 ${result.lag.p99Ms.toFixed(0)} ms`,
    );
    if (!ok)
      throw new Error(
        'EXACTLY-ONCE CHECK FAILED in the sustained run: ' +
          `${fresh302} fresh clicks answered 302, ${wrk.fresh} fresh tokens sent, ` +
          `${recorded} clicks recorded in the log, ${readModels} counted in click_minute ` +
          '(must be: answered ≤ recorded ≤ sent, and counted = recorded)',
      );
    return result;
  } finally {
    for (const app of started.reverse()) await app.close();
    for (const f of tokens) removeTokens(f);
    await db.close();
  }
}

/** Until no event is past the projection's checkpoint; throws after `timeoutMs`. */
async function waitCaughtUp(db: BenchDatabase, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await projectionLagMs(db.pool)) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the projector did not catch up within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
