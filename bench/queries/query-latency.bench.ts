import { performance } from 'node:perf_hooks';
import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY, BenchApp, startBenchApp, startYardstick } from '../lib/bench-app';
import { startBenchCluster } from '../lib/bench-cluster';
import { latency, Spread, spread } from '../lib/stats';
import { seedReadModels, SeededData } from './seed-read-models';

export interface QueryBenchOptions {
  readonly ads: number;
  readonly clicks: number;
  readonly advertisers: number;
  readonly runs: number;
  readonly samples: number;
  readonly log: (line: string) => void;
}

export interface QueryCase {
  readonly name: string;
  /** The product, over GraphQL: the read models behind the whole request. */
  readonly p50: Spread;
  readonly p99: Spread;
  /**
   * The same GraphQL document sent to the raw-group-by yardstick, which answers it with a GROUP
   * BY over the raw clicks, if there is one. `ratioP50` is raw over the product, per run: the
   * same question over the same transport.
   */
  readonly raw?: {
    readonly p50: Spread;
    readonly p99: Spread;
    readonly ratioP50: Spread;
  };
  /**
   * The same question in UTC, for a series asked in another zone: `ratioP50` is this case over
   * the UTC one, per run (the bar for Asia/Kolkata: within 3×).
   */
  readonly utc?: {
    readonly p50: Spread;
    readonly ratioP50: Spread;
  };
}

export interface QueryBenchResult {
  readonly dataset: Omit<SeededData, 'adIds' | 'advertiserOf'> & {
    ads: number;
    targetClicks: number;
  };
  readonly postgres: string;
  readonly cases: QueryCase[];
}

const DAY = 86_400_000;

interface Case {
  readonly name: string;
  readonly ours: (i: number) => Promise<void>;
  readonly raw?: (i: number) => Promise<void>;
  readonly utc?: (i: number) => Promise<void>;
}
const SERIES = `query($adId: ID!, $from: DateTime!, $to: DateTime!) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: HOUR) { asOf points { start clicks botClicks uniqueUsers } }
}`;
const ZONED_SERIES = `query($adId: ID!, $from: DateTime!, $to: DateTime!, $timezone: String!) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: HOUR, timezone: $timezone) { asOf points { start clicks botClicks uniqueUsers } }
}`;
const FILTERED_SERIES = `query($adId: ID!, $from: DateTime!, $to: DateTime!, $timezone: String!) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: HOUR, timezone: $timezone,
              filter: { country: "US" }) { asOf points { start clicks botClicks } }
}`;
const TOTALS = `query($adIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
  clickTotals(adIds: $adIds, from: $from, to: $to) { asOf ads { adId clicks uniqueUsers } }
}`;
const TOP = '{ topAds(lastMinutes: 60, limit: 10) { ad { id name } clicks uniqueUsers } }';

/** One question, asked `samples` times in a row (one at a time: latency, not throughput). */
async function time(samples: number, ask: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await ask(i);
    out.push(performance.now() - started);
  }
  return out;
}

/**
 * Query latency over GraphQL (real HTTP, the API app) on a seeded database, beside the raw
 * GROUP BY a team without read models would run, served over the same transport by the bench's
 * raw-group-by yardstick (its own process, the same database): the product is timed only
 * through its real surface, and a ratio does not set HTTP and GraphQL against nothing.
 */
export async function runQueryBench(options: QueryBenchOptions): Promise<QueryBenchResult> {
  const db = await startBenchCluster();
  const app = await startBenchApp('api', db.url);
  let yardstick: BenchApp | undefined;
  try {
    const keys: { id: string; apiKey: string }[] = [];
    for (let i = 0; i < options.advertisers; i++) {
      const created = await graphql<{
        createAdvertiser: { apiKey: string; advertiser: { id: string } };
      }>(
        app.baseUrl,
        'mutation($n: String!) { createAdvertiser(name: $n) { apiKey advertiser { id } } }',
        { n: `bench advertiser ${i}` },
        BENCH_ADMIN_KEY,
      );
      if (!created.data)
        throw new Error(`createAdvertiser failed: ${JSON.stringify(created.errors)}`);
      keys.push({
        id: created.data.createAdvertiser.advertiser.id,
        apiKey: created.data.createAdvertiser.apiKey,
      });
    }
    const keyOf = new Map(keys.map((k) => [k.id, k.apiKey]));
    options.log(`seeding ${options.ads} ads, ${options.clicks} clicks over 30 days…`);
    const seeded = await seedReadModels(db.pool, {
      ads: options.ads,
      clicks: options.clicks,
      days: 30,
      advertiserIds: keys.map((k) => k.id),
      end: new Date(),
    });
    options.log(
      `seeded in ${seeded.seconds.toFixed(0)} s: ${seeded.rawClicks} clicks, ${seeded.minuteRows} minute, ` +
        `${seeded.hourRows} hour, ${seeded.dayRows} day buckets`,
    );
    yardstick = await startYardstick('raw-group-by', db.url);
    const rawUrl = yardstick.baseUrl;

    const to = () => new Date(Date.now() + 60_000).toISOString();
    const from = () => new Date(Date.now() - 30 * DAY).toISOString();
    const pick = (i: number, pool: readonly string[]) => pool[(i * 7919) % pool.length];
    const hot = seeded.adIds.slice(0, 10);
    const all = seeded.adIds;
    const adsOf = (advertiserId: string) =>
      all.filter((id) => seeded.advertiserOf.get(id) === advertiserId);
    const mustAnswer = async (
      url: string,
      key: string | undefined,
      query: string,
      variables: Record<string, unknown>,
    ) => {
      const response = await graphql(url, query, variables, key);
      if (response.errors) throw new Error(`query failed: ${JSON.stringify(response.errors)}`);
    };

    // The same 30-day hourly question to the product and to the raw yardstick, for ads from `ads`.
    const seriesCase = (name: string, ads: readonly string[]): Case => {
      const variables = (i: number) => ({ adId: pick(i, ads), from: from(), to: to() });
      return {
        name,
        ours: (i) => {
          const v = variables(i);
          return mustAnswer(app.baseUrl, keyOf.get(seeded.advertiserOf.get(v.adId)!)!, SERIES, v);
        },
        raw: (i) => mustAnswer(rawUrl, undefined, SERIES, variables(i)),
      };
    };
    // A 30-day hourly series in a zone half an hour off UTC, beside the same one in UTC.
    const zonedCase = (
      name: string,
      ads: readonly string[],
      timezone: string,
      query = ZONED_SERIES,
    ): Case => {
      const ask = (zone: string) => (i: number) => {
        const adId = pick(i, ads);
        return mustAnswer(app.baseUrl, keyOf.get(seeded.advertiserOf.get(adId)!)!, query, {
          adId,
          from: from(),
          to: to(),
          timezone: zone,
        });
      };
      return { name, ours: ask(timezone), utc: ask('UTC') };
    };
    const totalsVariables = (i: number) => ({
      adIds: adsOf(keys[i % keys.length].id).slice(0, 100),
      from: from(),
      to: to(),
    });

    const cases: Case[] = [
      seriesCase('clickSeries, 30 days hourly, any ad (mostly long tail)', all),
      seriesCase('clickSeries, 30 days hourly, top-10 ads', hot),
      zonedCase('clickSeries, 30 days hourly in Asia/Kolkata, any ad', all, 'Asia/Kolkata'),
      zonedCase('clickSeries, 30 days hourly in Asia/Kolkata, top-10 ads', hot, 'Asia/Kolkata'),
      // Filters read the breakdown rows; in India, the minutes of every hour.
      zonedCase(
        'clickSeries filtered by country, 30 days hourly in Asia/Kolkata, any ad',
        all,
        'Asia/Kolkata',
        FILTERED_SERIES,
      ),
      zonedCase(
        'clickSeries filtered by country, 30 days hourly in Asia/Kolkata, top-10 ads',
        hot,
        'Asia/Kolkata',
        FILTERED_SERIES,
      ),
      {
        name: "clickTotals, one advertiser's ads (up to 100), 30 days",
        ours: (i) =>
          mustAnswer(app.baseUrl, keys[i % keys.length].apiKey, TOTALS, totalsVariables(i)),
        raw: (i) => mustAnswer(rawUrl, undefined, TOTALS, totalsVariables(i)),
      },
      {
        name: 'topAds(60, 10), operator (all ads)',
        ours: () => mustAnswer(app.baseUrl, BENCH_ADMIN_KEY, TOP, {}),
        raw: () => mustAnswer(rawUrl, undefined, TOP, {}),
      },
      {
        // The yardstick has no API keys, so no advertiser's view to compare with.
        name: 'topAds(60, 10), one advertiser',
        ours: (i) => mustAnswer(app.baseUrl, keys[i % keys.length].apiKey, TOP, {}),
      },
    ];

    const results: QueryCase[] = [];
    for (const c of cases) {
      // Warm the caches (and the JIT) the same way for both sides before measuring.
      await time(Math.min(20, options.samples), c.ours);
      if (c.raw) await time(Math.min(5, options.samples), c.raw);
      if (c.utc) await time(Math.min(20, options.samples), c.utc);
      const ours: { p50: number; p99: number }[] = [];
      const raw: { p50: number; p99: number }[] = [];
      const utc: { p50: number; p99: number }[] = [];
      for (let run = 0; run < options.runs; run++) {
        ours.push(latency(await time(options.samples, c.ours)));
        if (c.utc) utc.push(latency(await time(options.samples, c.utc)));
        // Fewer samples of the raw side: a hot ad's GROUP BY takes most of a second.
        if (c.raw)
          raw.push(latency(await time(Math.max(5, Math.floor(options.samples / 4)), c.raw)));
      }
      const result: QueryCase = {
        name: c.name,
        p50: spread(ours.map((r) => r.p50)),
        p99: spread(ours.map((r) => r.p99)),
        ...(c.raw
          ? {
              raw: {
                p50: spread(raw.map((r) => r.p50)),
                p99: spread(raw.map((r) => r.p99)),
                ratioP50: spread(raw.map((r, i) => r.p50 / ours[i].p50)),
              },
            }
          : {}),
        ...(c.utc
          ? {
              utc: {
                p50: spread(utc.map((r) => r.p50)),
                ratioP50: spread(utc.map((r, i) => ours[i].p50 / r.p50)),
              },
            }
          : {}),
      };
      options.log(
        `${c.name}: p50 ${result.p50.median.toFixed(2)} ms, p99 ${result.p99.median.toFixed(2)} ms` +
          (result.raw
            ? `; raw GROUP BY p50 ${result.raw.p50.median.toFixed(1)} ms (${result.raw.ratioP50.median.toFixed(1)}x)`
            : '') +
          (result.utc
            ? `; in UTC p50 ${result.utc.p50.median.toFixed(2)} ms (${result.utc.ratioP50.median.toFixed(2)}x)`
            : ''),
      );
      results.push(result);
    }
    const { minuteRows, hourRows, dayRows, rawClicks, seconds } = seeded;
    return {
      dataset: {
        minuteRows,
        hourRows,
        dayRows,
        rawClicks,
        seconds,
        ads: options.ads,
        targetClicks: options.clicks,
      },
      postgres: db.serverVersion,
      cases: results,
    };
  } finally {
    await yardstick?.close();
    await app.close();
    await db.close();
  }
}
