import { graphql } from '@app/testing';
import { BENCH_ADMIN_KEY } from '../lib/bench-app';

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

export interface RebuildFigures {
  readonly eventsPerSecond: number;
  readonly swapPauseMs: number;
}

/**
 * `rebuildProjections(["click-buckets"])` through the product's GraphQL, polled until the job
 * has swapped; timed by the job's own start and end (replay, reconciliation, swap).
 */
export async function rebuildThroughGraphql(baseUrl: string): Promise<RebuildFigures> {
  const requested = await graphql<{ rebuildProjections: Job[] }>(
    baseUrl,
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
      baseUrl,
      `query($id: ID!) { rebuild(id: $id) { ${JOB} } }`,
      { id: job.id },
      BENCH_ADMIN_KEY,
    );
    if (!polled.data) throw new Error(JSON.stringify(polled.errors));
    job = polled.data.rebuild;
  }
  const seconds = (Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000;
  return {
    eventsPerSecond: job.progress.eventsApplied / seconds,
    swapPauseMs: job.swapPauseMs ?? NaN,
  };
}
