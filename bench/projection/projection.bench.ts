import { Pool } from 'pg';
import { startBenchApp } from '../lib/bench-app';
import { startBenchCluster } from '../lib/bench-cluster';
import { spread, Spread } from '../lib/stats';
import { catchUpRate } from './catch-up-rate';
import { rebuildThroughGraphql } from './product-rebuild';
import { runYardstickJob } from './run-yardstick-job';
import { assertSameRowsAsProduct, repeatClicks } from './same-rows';
import { ProjectionShape, seedClickEvents, SHAPE_DESCRIPTIONS } from './seed-events';

export interface ProjectionBenchOptions {
  readonly events: number;
  readonly shapes: readonly ProjectionShape[];
  readonly runs: number;
  readonly log: (line: string) => void;
}

/** The targets, reported and never asserted. */
export const PROJECTION_TARGETS = { catchUpRatio: 0.7, rebuildRatio: 0.7, swapPauseMs: 100 };

export interface ProjectionShapeResult {
  readonly description: string;
  readonly catchUpEventsPerSecond: Spread;
  /** Y1: the `catch-up-upsert` yardstick on the same log in the same run. */
  readonly y1EventsPerSecond: Spread;
  /** Catch-up over Y1, per run. */
  readonly catchUpRatio: Spread;
  readonly rebuildEventsPerSecond: Spread;
  /** Y3: the `group-by-rebuild` yardstick on the same log in the same run. */
  readonly y3EventsPerSecond: Spread;
  readonly rebuildRatio: Spread;
  readonly swapPauseMs: Spread;
  readonly appPeakRssMiB: number | null;
  readonly y1PeakRssMiB: number;
  readonly targets: {
    readonly catchUp: boolean;
    readonly rebuild: boolean;
    readonly swapPause: boolean;
  };
}

export interface ProjectionBenchResult {
  readonly events: number;
  readonly shapes: Partial<Record<ProjectionShape, ProjectionShapeResult>>;
}

interface RunFigures {
  catchUp: number;
  rebuild: number;
  swapPauseMs: number;
  appPeakRssMiB: number | null;
  y1: number;
  y1PeakRssMiB: number;
  y3: number;
  /** Clicks the product judged repeats, all compared row by row with the yardsticks'. */
  repeats: number;
}

/**
 * The projector on two logs of `events` clicks, each run on a fresh copy of the seeded database
 * (so the product starts on empty read models whatever tables it has): the product's catch-up
 * and rebuild, interleaved with Y1 (a minimal catch-up projector) and Y3 (a one-pass,
 * set-based rebuild) on the same copy, the order alternating between runs; both yardsticks
 * must write exactly the product's rows.
 */
export async function runProjectionBench(
  options: ProjectionBenchOptions,
): Promise<ProjectionBenchResult> {
  const db = await startBenchCluster();
  // CREATE DATABASE … TEMPLATE needs the template without connections: talk through `postgres`.
  await db.pool.end();
  const admin = new Pool({ connectionString: databaseUrl(db.url, 'postgres'), max: 1 });
  const migrated = new URL(db.url).pathname.slice(1);
  try {
    for (const shape of options.shapes) {
      options.log(`seeding ${options.events} click events, ${shape} shape…`);
      await admin.query(`CREATE DATABASE seed_${shape} TEMPLATE ${migrated} STRATEGY FILE_COPY`);
      const seedPool = new Pool({ connectionString: databaseUrl(db.url, `seed_${shape}`), max: 1 });
      try {
        await seedClickEvents(seedPool, { count: options.events, shape });
      } finally {
        await seedPool.end();
      }
    }
    const runs: Record<ProjectionShape, RunFigures[]> = {
      realistic: [],
      realistic_v2: [],
      worst: [],
    };
    for (let run = 0; run < options.runs; run++)
      for (const shape of options.shapes) {
        const name = `run_${shape}_${run}`;
        await admin.query(`CREATE DATABASE ${name} TEMPLATE seed_${shape} STRATEGY FILE_COPY`);
        try {
          const figures = await oneRun(databaseUrl(db.url, name), options.events, run % 2 === 1);
          runs[shape].push(figures);
          options.log(
            `${shape} run ${run + 1}: catch-up ${figures.catchUp.toFixed(0)} events/s, Y1 ${figures.y1.toFixed(0)} ` +
              `(${(figures.catchUp / figures.y1).toFixed(2)}); rebuild ${figures.rebuild.toFixed(0)} events/s, ` +
              `Y3 ${figures.y3.toFixed(0)} (${(figures.rebuild / figures.y3).toFixed(2)}); ` +
              `swap pause ${figures.swapPauseMs.toFixed(0)} ms; Y1's and Y3's rows equal to the product's ` +
              `(${figures.repeats} repeat clicks among them)`,
          );
        } finally {
          await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        }
      }
    return {
      events: options.events,
      shapes: Object.fromEntries(
        options.shapes.map((shape) => [shape, summarise(shape, runs[shape])]),
      ),
    };
  } finally {
    await admin.end();
    await db.close();
  }
}

async function oneRun(url: string, events: number, yardsticksFirst: boolean): Promise<RunFigures> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const product = () => productRun(pool, url, events);
    const yardsticks = () => yardstickRun(pool, url, events);
    let figures: Omit<RunFigures, 'repeats'>;
    if (yardsticksFirst) {
      const y = await yardsticks();
      figures = { ...(await product()), ...y };
    } else {
      const p = await product();
      figures = { ...p, ...(await yardsticks()) };
    }
    await assertSameRowsAsProduct(pool, 'bench_y1');
    await assertSameRowsAsProduct(pool, 'bench_y3');
    return { ...figures, repeats: await repeatClicks(pool) };
  } finally {
    await pool.end();
  }
}

/** The `all-in-one` app on empty read models: catch-up, then a rebuild through GraphQL. */
async function productRun(pool: Pool, url: string, events: number) {
  const startedAt = Date.now();
  const app = await startBenchApp('all-in-one', url);
  try {
    const exited = new Promise<never>((_, reject) =>
      app.child.once('exit', (code) =>
        reject(new Error(`the app exited with ${code}:\n${app.output()}`)),
      ),
    );
    exited.catch(() => undefined);
    const catchUp = await catchUpRate(
      pool,
      `SELECT events_applied AS n FROM projection_checkpoints WHERE projection = 'click-buckets'`,
      events,
      startedAt,
      exited,
    );
    const rebuild = await rebuildThroughGraphql(app.baseUrl);
    return {
      catchUp,
      rebuild: rebuild.eventsPerSecond,
      swapPauseMs: rebuild.swapPauseMs,
      appPeakRssMiB: app.peakRssMiB(),
    };
  } finally {
    await app.close();
  }
}

/** Y1 timed from its checkpoint exactly as the product is, then Y3 timed by itself. */
async function yardstickRun(pool: Pool, url: string, events: number) {
  const startedAt = Date.now();
  const job = runYardstickJob('catch-up-upsert', url, { EXPECTED_EVENTS: String(events) });
  const failed = job.then(() => new Promise<never>(() => undefined));
  const y1 = await catchUpRate(
    pool,
    `SELECT events_applied AS n FROM bench_y1_checkpoint WHERE projection = 'click-counts'`,
    events,
    startedAt,
    failed,
  );
  const { peakRssMiB } = await job;
  const y3 = await runYardstickJob('group-by-rebuild', url);
  if (y3.events !== events) throw new Error(`Y3 counted ${y3.events} of ${events} events`);
  return { y1, y1PeakRssMiB: peakRssMiB, y3: y3.events / y3.seconds };
}

function summarise(shape: ProjectionShape, runs: readonly RunFigures[]): ProjectionShapeResult {
  const of = (f: (r: RunFigures) => number) => spread(runs.map(f));
  const catchUpRatio = of((r) => r.catchUp / r.y1);
  const rebuildRatio = of((r) => r.rebuild / r.y3);
  const swapPauseMs = of((r) => r.swapPauseMs);
  const rss = runs.map((r) => r.appPeakRssMiB).filter((x): x is number => x !== null);
  return {
    description: SHAPE_DESCRIPTIONS[shape],
    catchUpEventsPerSecond: of((r) => r.catchUp),
    y1EventsPerSecond: of((r) => r.y1),
    catchUpRatio,
    rebuildEventsPerSecond: of((r) => r.rebuild),
    y3EventsPerSecond: of((r) => r.y3),
    rebuildRatio,
    swapPauseMs,
    appPeakRssMiB: rss.length ? Math.max(...rss) : null,
    y1PeakRssMiB: Math.max(...runs.map((r) => r.y1PeakRssMiB)),
    targets: {
      catchUp: catchUpRatio.median >= PROJECTION_TARGETS.catchUpRatio,
      rebuild: rebuildRatio.median >= PROJECTION_TARGETS.rebuildRatio,
      // Every run, not the median: one long pause is what a dashboard user sees.
      swapPause: swapPauseMs.max < PROJECTION_TARGETS.swapPauseMs,
    },
  };
}

function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
