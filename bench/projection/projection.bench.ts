import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY, BenchApp, startBenchApp } from '../lib/bench-app';
import { startBenchCluster } from '../lib/bench-cluster';
import { spread, Spread } from '../lib/stats';
import { seedClickEvents } from './seed-events';

export interface ProjectionBenchOptions {
  readonly events: number;
  readonly runs: number;
  readonly log: (line: string) => void;
}

export interface ProjectionBenchResult {
  readonly events: number;
  readonly catchUpEventsPerSecond: Spread;
  readonly rebuildEventsPerSecond: Spread;
  readonly swapPauseMs: Spread;
  readonly peakRssMiB: number | null;
}

interface Job {
  id: string;
  status: string;
  error: string | null;
  swapPauseMs: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { eventsApplied: number };
}

const JOB = 'id status error swapPauseMs startedAt finishedAt progress { eventsApplied }';

/**
 * The projector over a log of `events` clicks: catch-up from an empty read model (the app
 * started on a seeded log, timed until its checkpoint covers every event), then full rebuilds
 * (replay into shadow tables, reconcile, swap), each timed from the job's start to its end.
 */
export async function runProjectionBench(
  options: ProjectionBenchOptions,
): Promise<ProjectionBenchResult> {
  const db = await startBenchCluster();
  let app: BenchApp | undefined;
  try {
    options.log(`seeding ${options.events} click events…`);
    await seedClickEvents(db.pool, { count: options.events, ads: 10_000, days: 30 });
    const catchUp: number[] = [];
    const rebuild: number[] = [];
    const pause: number[] = [];
    let peak: number | null = null;
    for (let run = 0; run < options.runs; run++) {
      await db.pool.query(
        `TRUNCATE click_minute, click_hour, click_day, click_breakdown_day, ad_catalog, projection_checkpoints`,
      );
      app = await startBenchApp('all-in-one', db.url);
      const started = Date.now();
      for (;;) {
        const { rows } = await db.pool.query<{ n: string }>(
          `SELECT events_applied AS n FROM projection_checkpoints WHERE projection = 'click-buckets'`,
        );
        if (Number(rows[0]?.n ?? 0) >= options.events) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      catchUp.push(options.events / ((Date.now() - started) / 1000));
      options.log(`catch-up run ${run + 1}: ${catchUp[run].toFixed(0)} events/s`);

      const requested = await graphql<{ rebuildProjections: Job[] }>(
        app.baseUrl,
        `mutation { rebuildProjections(projections: ["click-buckets"]) { ${JOB} } }`,
        {},
        BENCH_ADMIN_KEY,
      );
      if (!requested.data) throw new Error(JSON.stringify(requested.errors));
      let job = requested.data.rebuildProjections[0];
      while (job.status !== 'SWAPPED') {
        if (job.status === 'FAILED') throw new Error(`rebuild failed: ${job.error}`);
        await new Promise((r) => setTimeout(r, 100));
        const polled = await graphql<{ rebuild: Job }>(
          app.baseUrl,
          `query($id: ID!) { rebuild(id: $id) { ${JOB} } }`,
          { id: job.id },
          BENCH_ADMIN_KEY,
        );
        if (!polled.data) throw new Error(JSON.stringify(polled.errors));
        job = polled.data.rebuild;
      }
      const seconds = (Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000;
      rebuild.push(job.progress.eventsApplied / seconds);
      pause.push(job.swapPauseMs ?? NaN);
      options.log(
        `rebuild run ${run + 1}: ${rebuild[run].toFixed(0)} events/s, swap paused the live projection ${pause[run].toFixed(0)} ms`,
      );
      peak = Math.max(peak ?? 0, app.peakRssMiB() ?? 0);
      await app.close();
      app = undefined;
    }
    return {
      events: options.events,
      catchUpEventsPerSecond: spread(catchUp),
      rebuildEventsPerSecond: spread(rebuild),
      swapPauseMs: spread(pause),
      peakRssMiB: peak,
    };
  } finally {
    await app?.close();
    await db.close();
  }
}
