import { RebuildJob, RebuildReport, TableReconciliation } from '@app/projections';
import { RebuildReportType, TableReconciliationType } from './rebuild-report.type';
import { RebuildStatusEnum, RebuildType } from './rebuild.type';

/** Reports stored before the counts were named for rows (they counted the same rows). */
type Stored<T> = T & { readonly bucketsCompared?: number; readonly bucketsDiffering?: number };

function rowCounts<T extends { rowsCompared: number; rowsDiffering: number }>(stored: Stored<T>) {
  const rowsCompared = stored.rowsCompared ?? stored.bucketsCompared ?? 0;
  const rowsDiffering = stored.rowsDiffering ?? stored.bucketsDiffering ?? 0;
  return {
    rowsCompared,
    rowsDiffering,
    bucketsCompared: rowsCompared,
    bucketsDiffering: rowsDiffering,
  };
}

function toTableType(table: Stored<TableReconciliation>): TableReconciliationType {
  return {
    ...table,
    ...rowCounts(table),
    differences: [...table.differences],
  };
}

function toReportType(report: Stored<RebuildReport>): RebuildReportType {
  return {
    ...report,
    ...rowCounts(report),
    tables: report.tables.map(toTableType),
    rules: report.rules ?? null,
    clicksMoved: report.clicksMoved
      ? { ...report.clicksMoved, ads: [...report.clicksMoved.ads] }
      : null,
  };
}

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
    report: job.report && toReportType(job.report),
    error: job.error,
    requestedAt: date(job.requestedAt) ?? new Date(0),
    startedAt: date(job.startedAt),
    finishedAt: date(job.finishedAt),
  };
}
