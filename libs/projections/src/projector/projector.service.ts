import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { CheckpointStore } from '@app/read-models';
import { SingleFlight, withTimeout } from '@app/runtime';
import { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BatchApplied, ProjectionRunner } from '../framework/projection-runner';
import { PROJECTIONS } from '../projections.registry';
import { ProjectionStatus, ProjectionStatusService } from '../status/projection-status.service';

/** Scrapes must answer within a second whatever the database does. */
const STATUS_TIMEOUT_MS = 700;

/** Starts every live projection when the app is up and stops them (finishing the batch in hand) on shutdown. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly controller = new AbortController();
  private running: Promise<void>[] = [];
  private readonly applied: Counter<'projection'>;
  private readonly skipped: Counter<'projection'>;
  private readonly deadLettered: Counter<'projection'>;
  private readonly batchSeconds: Histogram<'projection'>;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(Pool) private readonly pool: Pool,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Registry) registry: Registry,
    @Inject(ProjectionStatusService) status: ProjectionStatusService,
  ) {
    const registers = [registry];
    const labelNames = ['projection'] as const;
    this.applied = new Counter({
      name: 'projection_events_applied_total',
      help: 'Events applied to read models',
      labelNames,
      registers,
    });
    this.skipped = new Counter({
      name: 'projection_events_skipped_total',
      help: 'Events of types a projection does not handle',
      labelNames,
      registers,
    });
    this.deadLettered = new Counter({
      name: 'projection_dead_letters_total',
      help: 'Malformed events set aside',
      labelNames,
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'projection_batch_duration_seconds',
      help: 'Time to apply one batch, checkpoint included',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    // Lag gauges are read from the database at scrape time, so they are right in any process.
    // A scrape must answer within a second even while the database stalls (that is when it
    // matters): one shared read per scrape, and if it does not answer in time the gauges are
    // emptied (absent means unknown) rather than left at stale values.
    const flight = new SingleFlight<ProjectionStatus[]>();
    const lag = (
      name: string,
      help: string,
      pick: (s: ProjectionStatus) => number,
    ): Gauge<'projection'> =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          const all = await withTimeout(
            flight.run(() => status.all()),
            STATUS_TIMEOUT_MS,
            'projection status',
          ).catch(() => undefined);
          this.reset();
          for (const s of all ?? []) this.set({ projection: s.name }, pick(s));
        },
      });
    lag(
      'projection_events_behind',
      'Events in the log after the checkpoint',
      (s) => s.eventsBehind,
    );
    lag(
      'projection_seconds_behind',
      'Age of the newest applied event while behind',
      (s) => s.secondsBehind,
    );
    lag('projection_events_per_second', 'Recent apply rate', (s) => s.eventsPerSecond);
  }

  onApplicationBootstrap(): void {
    const checkpoints = new CheckpointStore(this.pool);
    const options = {
      maxBatch: this.config.get('PROJECTION_BATCH_SIZE'),
      maxWaitMs: this.config.get('PROJECTION_BATCH_WAIT'),
    };
    const onBatch = (b: BatchApplied): void => {
      this.applied.inc({ projection: b.projection }, b.events);
      if (b.outcome.skipped) this.skipped.inc({ projection: b.projection }, b.outcome.skipped);
      if (b.outcome.deadLetters.length)
        this.deadLettered.inc({ projection: b.projection }, b.outcome.deadLetters.length);
      this.batchSeconds.observe({ projection: b.projection }, b.seconds);
    };
    this.running = PROJECTIONS.map((definition) =>
      new ProjectionRunner(definition, this.store, this.pool, checkpoints, options, onBatch).run(
        this.controller.signal,
      ),
    );
    this.logger.log(`projecting ${this.running.length} read models`);
  }

  async onModuleDestroy(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running);
  }
}
