import { RebuildJob } from './rebuild-job';
import { RebuildStatusEnum, RebuildType } from './rebuild.types';

/** A job as stored (or as it crossed the TCP transport, dates as strings) to its GraphQL view. */
export function toRebuildType(job: RebuildJob): RebuildType {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  const fraction =
    job.eventsTotal && job.eventsTotal > 0
      ? Math.min(1, job.eventsApplied / job.eventsTotal)
      : job.status === 'swapped'
        ? 1
        : null;
  const remaining =
    job.eventsTotal !== null ? Math.max(0, job.eventsTotal - job.eventsApplied) : null;
  return {
    id: job.id,
    projection: job.projection,
    status: job.status as RebuildStatusEnum,
    progress: {
      position: job.position,
      eventsApplied: job.eventsApplied,
      eventsTotal: job.eventsTotal,
      fraction,
      eventsPerSecond: job.eventsPerSecond,
      etaSeconds:
        remaining !== null && job.eventsPerSecond > 0 && job.status !== 'swapped'
          ? remaining / job.eventsPerSecond
          : null,
    },
    swapPauseMs: job.swapPauseMs,
    report: job.report && {
      ...job.report,
      tables: job.report.tables.map((t) => ({ ...t, differences: [...t.differences] })),
    },
    error: job.error,
    requestedAt: date(job.requestedAt) ?? new Date(0),
    startedAt: date(job.startedAt),
    finishedAt: date(job.finishedAt),
  };
}
