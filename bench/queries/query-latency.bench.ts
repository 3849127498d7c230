import { performance } from 'node:perf_hooks';
import {
  ClickSeriesReader,
  ClickTotalsReader,
  Granularity,
  tile,
  TopAdsReader,
} from '@app/reporting';
import { graphql } from '@app/testing';
import { Pool } from 'pg';
import { BENCH_ADMIN_KEY, startBenchApp } from '../lib/bench-app';
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
  readonly p50: Spread;
  readonly p99: Spread;
  /** The product's own reader for the question, in process: the read model's SQL alone. */
  readonly readModel?: { readonly p50: Spread; readonly p99: Spread };
  /**
   * The raw GROUP BY answering the same question, if there is one. `ratioP50` is raw over the
   * full GraphQL round trip, `sqlRatioP50` raw over the in-process reader (SQL against SQL).
   */
  readonly baseline?: {
    readonly p50: Spread;
    readonly p99: Spread;
    readonly ratioP50: Spread;
    readonly sqlRatioP50?: Spread;
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
  readonly reader?: (i: number) => Promise<void>;
  readonly baseline?: (i: number) => Promise<void>;
}
const SERIES = `query($adId: ID!, $from: DateTime!, $to: DateTime!) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: HOUR) { asOf points { start clicks botClicks uniqueUsers } }
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
 * GROUP BY a team without read models would run (straight SQL over the same clicks, so the
 * baseline does not even pay for HTTP and GraphQL).
 */
export async function runQueryBench(options: QueryBenchOptions): Promise<QueryBenchResult> {
  const db = await startBenchCluster();
  const app = await startBenchApp('api', db.url);
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

    const to = () => new Date(Date.now() + 60_000).toISOString();
    const from = () => new Date(Date.now() - 30 * DAY).toISOString();
    const pick = (i: number, pool: readonly string[]) => pool[(i * 7919) % pool.length];
    const hot = seeded.adIds.slice(0, 10);
    const all = seeded.adIds;
    const adsOf = (advertiserId: string) =>
      all.filter((id) => seeded.advertiserOf.get(id) === advertiserId);
    const mustAnswer = async (key: string, query: string, variables: Record<string, unknown>) => {
      const response = await graphql(app.baseUrl, query, variables, key);
      if (response.errors) throw new Error(`query failed: ${JSON.stringify(response.errors)}`);
    };
    const raw = (pool: Pool, sql: string, params: unknown[]) =>
      pool.query(sql, params).then(() => undefined);
    const range = () => ({ from: Date.parse(from()), to: Date.parse(to()) });
    const seriesReader = new ClickSeriesReader(db.pool);
    const totalsReader = new ClickTotalsReader(db.pool);
    const topReader = new TopAdsReader(db.pool);

    // The same 30-day hourly question, over GraphQL and as a raw GROUP BY, for ads from `ads`.
    const seriesCase = (name: string, ads: readonly string[]): Case => ({
      name,
      ours: (i) => {
        const adId = pick(i, ads);
        return mustAnswer(keyOf.get(seeded.advertiserOf.get(adId)!)!, SERIES, {
          adId,
          from: from(),
          to: to(),
        });
      },
      reader: (i) =>
        seriesReader.read(pick(i, ads), range(), Granularity.HOUR, 'UTC').then(() => undefined),
      baseline: (i) =>
        raw(
          db.pool,
          `SELECT date_trunc('hour', clicked_at) AS hour, count(*), count(DISTINCT user_key)
             FROM bench_raw_clicks WHERE ad_id = $1 AND clicked_at >= $2 AND clicked_at < $3
            GROUP BY 1 ORDER BY 1`,
          [pick(i, ads), from(), to()],
        ),
    });

    const cases: Case[] = [
      seriesCase('clickSeries, 30 days hourly, any ad (mostly long tail)', all),
      seriesCase('clickSeries, 30 days hourly, top-10 ads', hot),
      {
        name: "clickTotals, one advertiser's ads (up to 100), 30 days",
        ours: (i) => {
          const advertiser = keys[i % keys.length];
          return mustAnswer(advertiser.apiKey, TOTALS, {
            adIds: adsOf(advertiser.id).slice(0, 100),
            from: from(),
            to: to(),
          });
        },
        reader: (i) =>
          totalsReader
            .read(adsOf(keys[i % keys.length].id).slice(0, 100), tile(range()))
            .then(() => undefined),
        baseline: (i) =>
          raw(
            db.pool,
            `SELECT ad_id, count(*), count(DISTINCT user_key) FROM bench_raw_clicks
              WHERE ad_id = ANY($1::uuid[]) AND clicked_at >= $2 AND clicked_at < $3 GROUP BY ad_id`,
            [adsOf(keys[i % keys.length].id).slice(0, 100), from(), to()],
          ),
      },
      {
        name: 'topAds(60, 10), operator (all ads)',
        ours: () => mustAnswer(BENCH_ADMIN_KEY, TOP, {}),
        reader: async () => {
          const since = new Date(Date.now() - 3_600_000);
          const top = await topReader.top({ kind: 'admin' }, since, 10);
          await topReader.uniqueUsers(
            top.map((row) => row.ad_id),
            since,
          );
        },
        baseline: () =>
          raw(
            db.pool,
            `SELECT ad_id, count(*) FROM bench_raw_clicks WHERE clicked_at >= $1
              GROUP BY ad_id ORDER BY 2 DESC LIMIT 10`,
            [new Date(Date.now() - 3_600_000)],
          ),
      },
      {
        name: 'topAds(60, 10), one advertiser',
        ours: (i) => mustAnswer(keys[i % keys.length].apiKey, TOP, {}),
      },
    ];

    const results: QueryCase[] = [];
    for (const c of cases) {
      // Warm the caches (and the JIT) the same way for both sides before measuring.
      await time(Math.min(20, options.samples), c.ours);
      if (c.reader) await time(Math.min(20, options.samples), c.reader);
      if (c.baseline) await time(Math.min(5, options.samples), c.baseline);
      const ours: { p50: number; p99: number }[] = [];
      const reader: { p50: number; p99: number }[] = [];
      const base: { p50: number; p99: number }[] = [];
      for (let run = 0; run < options.runs; run++) {
        ours.push(latency(await time(options.samples, c.ours)));
        if (c.reader) reader.push(latency(await time(options.samples, c.reader)));
        if (c.baseline)
          base.push(latency(await time(Math.max(5, Math.floor(options.samples / 4)), c.baseline)));
      }
      const result: QueryCase = {
        name: c.name,
        p50: spread(ours.map((r) => r.p50)),
        p99: spread(ours.map((r) => r.p99)),
        ...(c.reader
          ? {
              readModel: {
                p50: spread(reader.map((r) => r.p50)),
                p99: spread(reader.map((r) => r.p99)),
              },
            }
          : {}),
        ...(c.baseline
          ? {
              baseline: {
                p50: spread(base.map((r) => r.p50)),
                p99: spread(base.map((r) => r.p99)),
                ratioP50: spread(base.map((r, i) => r.p50 / ours[i].p50)),
                ...(c.reader
                  ? { sqlRatioP50: spread(base.map((r, i) => r.p50 / reader[i].p50)) }
                  : {}),
              },
            }
          : {}),
      };
      options.log(
        `${c.name}: p50 ${result.p50.median.toFixed(2)} ms, p99 ${result.p99.median.toFixed(2)} ms` +
          (result.baseline
            ? `; raw GROUP BY p50 ${result.baseline.p50.median.toFixed(1)} ms (${result.baseline.ratioP50.median.toFixed(2)}x)`
            : '') +
          (result.readModel
            ? `; reader alone p50 ${result.readModel.p50.median.toFixed(2)} ms` +
              (result.baseline?.sqlRatioP50
                ? ` (${result.baseline.sqlRatioP50.median.toFixed(1)}x raw)`
                : '')
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
    await app.close();
    await db.close();
  }
}
