import { SingleFlight, withTimeout } from '@app/runtime';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BatchApplied } from '../framework/projection-runner';
import { PROJECTIONS } from '../projections.registry';
import { ProjectionStatus, ProjectionStatusService } from '../status/projection-status.service';

/** Scrapes must answer within a second whatever the database does. */
const STATUS_TIMEOUT_MS = 700;

const labelNames = ['projection'] as const;

/**
 * What the projector exports, named by Prometheus' conventions: one `clickstream_` prefix, base
 * units in the name, counters for anything that is a rate (`rate()` makes the rate).
 */
export class ProjectorMetrics {
  private readonly applied: Counter<'projection'>;
  private readonly skipped: Counter<'projection'>;
  private readonly deadLettered: Counter<'projection'>;
  private readonly batchSeconds: Histogram<'projection'>;

  constructor(registry: Registry, status: ProjectionStatusService) {
    const registers = [registry];
    this.applied = new Counter({
      name: 'clickstream_projection_events_applied_total',
      help: 'Events applied to read models',
      labelNames,
      registers,
    });
    this.skipped = new Counter({
      name: 'clickstream_projection_events_skipped_total',
      help: 'Events of types a projection does not handle',
      labelNames,
      registers,
    });
    this.deadLettered = new Counter({
      name: 'clickstream_projection_dead_letters_total',
      help: 'Malformed events set aside',
      labelNames,
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'clickstream_projection_batch_duration_seconds',
      help: 'Time to apply one batch, checkpoint included',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    // Every projection's series from the start, at 0: increase() sees its first event (or
    // first dead letter) after a restart, which it cannot on a series that appears with it.
    for (const { name } of PROJECTIONS)
      for (const counter of [this.applied, this.skipped, this.deadLettered])
        counter.inc({ projection: name }, 0);
    lagGauges(registers, status);
  }

  onBatch(batch: BatchApplied): void {
    const projection = { projection: batch.projection };
    this.applied.inc(projection, batch.events);
    if (batch.outcome.skipped) this.skipped.inc(projection, batch.outcome.skipped);
    if (batch.outcome.deadLetters.length)
      this.deadLettered.inc(projection, batch.outcome.deadLetters.length);
    this.batchSeconds.observe(projection, batch.seconds);
  }
}

/**
 * Lag is read from the database at scrape time, so any process reports it rightly. A scrape
 * must answer within a second even while the database stalls (that is when lag matters): one
 * shared read per scrape, and when it fails or is late the lag series are dropped (absent means
 * unknown; a stale number would say "caught up" during an outage) and
 * `clickstream_projection_status_up` says 0, so an alert can tell "no lag" from "lag unknown".
 */
function lagGauges(registers: Registry[], status: ProjectionStatusService): void {
  const flight = new SingleFlight<ProjectionStatus[] | undefined>();
  const read = (): Promise<ProjectionStatus[] | undefined> =>
    flight.run(() =>
      withTimeout(status.all(), STATUS_TIMEOUT_MS, 'projection status').catch(() => undefined),
    );
  const lag = (name: string, help: string, pick: (s: ProjectionStatus) => number): Gauge =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const all = await read();
        this.reset();
        for (const s of all ?? []) this.set({ projection: s.name }, pick(s));
      },
    });
  lag(
    'clickstream_projection_lag_events',
    'Events in the log after the checkpoint (absent while unknown)',
    (s) => s.eventsBehind,
  );
  lag(
    'clickstream_projection_lag_seconds',
    'Age of the newest applied event while behind, 0 when caught up (absent while unknown)',
    (s) => s.secondsBehind,
  );
  new Gauge({
    name: 'clickstream_projection_status_up',
    help: '1 when this scrape could read the projections status from the database, else 0',
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
}
