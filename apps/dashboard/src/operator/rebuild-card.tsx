import type { Rebuild } from '../api/operations';
import { count, duration } from '../shared/format';

const FINISHED = new Set(['SWAPPED', 'FAILED']);

export function isFinished(job: Rebuild): boolean {
  return FINISHED.has(job.status);
}

const STATUS_WORDS: Record<Rebuild['status'], string> = {
  QUEUED: 'queued',
  REPLAYING: 'replaying the log',
  CATCHING_UP: 'catching up with live',
  COMPARING: 'comparing with live',
  SWAPPED: 'swapped in',
  FAILED: 'failed',
};

/** One rebuild: live progress while it runs, the reconciliation report once it is swapped. */
export function RebuildCard({ job }: { readonly job: Rebuild }) {
  const fraction = job.progress.fraction ?? (job.status === 'SWAPPED' ? 1 : 0);
  const report = job.report;
  return (
    <article class="rebuild" aria-label={`Rebuild of ${job.projection}`} data-status={job.status}>
      <h3>
        {job.projection}{' '}
        <span class={`status status-${job.status.toLowerCase()}`}>{STATUS_WORDS[job.status]}</span>
      </h3>
      <progress max={1} value={fraction} aria-label={`${job.projection} rebuild progress`} />
      <p class="muted">
        {count(job.progress.eventsApplied)}
        {job.progress.eventsTotal !== null && ` of ${count(job.progress.eventsTotal)}`} events ·{' '}
        {count(job.progress.eventsPerSecond)} events/s
        {!isFinished(job) && ` · about ${duration(job.progress.etaSeconds)} left`}
        {job.swapPauseMs !== null && ` · live projection paused ${count(job.swapPauseMs)} ms`}
      </p>
      {job.error && (
        <p class="notice notice-error" role="alert">
          {job.error}
        </p>
      )}
      {report && (
        <div class="report" data-testid="rebuild-report">
          <p>
            <strong>{count(report.rowsDiffering)}</strong> of {count(report.rowsCompared)} rows
            differed; clicks difference <strong>{count(report.clicksDifference)}</strong> (
            {count(report.eventsReplayed)} events replayed).
          </p>
          {report.clicksMoved && (
            <p data-testid="clicks-moved">
              Re-judged
              {report.rules ? (
                <>
                  {' '}
                  with <code>{report.rules}</code>
                </>
              ) : null}
              : <strong>{count(report.clicksMoved.toInvalid)}</strong> clicks became invalid,{' '}
              <strong>{count(report.clicksMoved.toValid)}</strong> valid, over{' '}
              {count(report.clicksMoved.ads.length)} ads.
            </p>
          )}
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Rows compared</th>
                <th scope="col">Rows differing</th>
              </tr>
            </thead>
            <tbody>
              {report.tables.map((t) => (
                <tr key={t.table}>
                  <th scope="row">{t.table}</th>
                  <td class="num">{count(t.rowsCompared)}</td>
                  <td class="num">{count(t.rowsDiffering)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.tables
            .filter((t) => t.differences.length > 0)
            .map((t) => (
              <details key={t.table}>
                <summary>
                  Differences in {t.table}
                  {t.differencesTruncated && ' (first 1,000)'}
                </summary>
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Live</th>
                      <th scope="col">Rebuilt</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.differences.map((d) => (
                      <tr key={JSON.stringify(d.key)}>
                        <td>
                          <code>{JSON.stringify(d.key)}</code>
                        </td>
                        <td>
                          <code>{d.live ? JSON.stringify(d.live) : 'missing'}</code>
                        </td>
                        <td>
                          <code>{d.rebuilt ? JSON.stringify(d.rebuilt) : 'missing'}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ))}
        </div>
      )}
    </article>
  );
}
