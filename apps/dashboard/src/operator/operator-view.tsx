import { useState } from 'preact/hooks';
import { ApiProblem, graphql } from '../api/graphql';
import {
  PROJECTIONS,
  REBUILDS,
  START_REBUILD,
  type ProjectionsData,
  type RebuildsData,
  type StartRebuildData,
} from '../api/operations';
import { Notice } from '../shared/notice';
import { useNow } from '../shared/use-now';
import { useQuery } from '../shared/use-query';
import { ProjectionsTable } from './projections-table';
import { isFinished, RebuildCard } from './rebuild-card';

interface Props {
  readonly apiKey: string;
  readonly onUnauthenticated: (problem: ApiProblem) => void;
}

/** The operator's page: projection health, and rebuilds (which double as reconciliation). */
export function OperatorView({ apiKey, onUnauthenticated }: Props) {
  const now = useNow();
  const projections = useQuery<ProjectionsData>(
    apiKey,
    PROJECTIONS,
    {},
    { everyMs: 2_000, onUnauthenticated },
  );
  const rebuilds = useQuery<RebuildsData>(
    apiKey,
    REBUILDS,
    {},
    { everyMs: 1_000, onUnauthenticated },
  );
  const [starting, setStarting] = useState(false);
  const [startProblem, setStartProblem] = useState<string | null>(null);

  const jobs = rebuilds.data?.rebuilds ?? [];
  // Jobs come newest first; the latest of each projection is what an operator wants to see.
  const latestByProjection = new Map<string, (typeof jobs)[number]>();
  for (const job of jobs)
    if (!latestByProjection.has(job.projection)) latestByProjection.set(job.projection, job);
  const running = [...latestByProjection.values()].some((j) => !isFinished(j));

  async function startRebuild() {
    setStarting(true);
    setStartProblem(null);
    try {
      await graphql<StartRebuildData>(apiKey, START_REBUILD);
      rebuilds.refresh();
    } catch (error) {
      setStartProblem(error instanceof ApiProblem ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  }

  return (
    <div class="operator-view">
      <section aria-labelledby="projections-title">
        <h2 id="projections-title">Projections</h2>
        {projections.problem && <Notice kind="error">{projections.problem.message}</Notice>}
        {!projections.data && !projections.problem && <Notice kind="loading">Loading…</Notice>}
        {projections.data && (
          <ProjectionsTable projections={projections.data.projections} now={now} />
        )}
      </section>
      <section aria-labelledby="rebuilds-title">
        <h2 id="rebuilds-title">Rebuild and reconcile</h2>
        <p class="muted">
          Replays the whole event log into shadow tables while everything keeps running, compares
          them with the live tables row by row, and swaps them in.
        </p>
        <button type="button" onClick={() => void startRebuild()} disabled={starting || running}>
          {running ? 'Rebuild running…' : starting ? 'Starting…' : 'Rebuild all projections'}
        </button>
        {startProblem && <Notice kind="error">{startProblem}</Notice>}
        {rebuilds.problem && <Notice kind="error">{rebuilds.problem.message}</Notice>}
        {rebuilds.data && jobs.length === 0 && <Notice kind="empty">No rebuilds yet.</Notice>}
        {[...latestByProjection.values()].map((job) => (
          <RebuildCard key={job.id} job={job} />
        ))}
      </section>
    </div>
  );
}
