import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AdCatalogProjection } from './ad-catalog/ad-catalog.projection';
import { ClickBucketsProjection } from './click-buckets/click-buckets.projection';
import { CheckpointStore } from './framework/checkpoint-store';
import { BatchApplied, ProjectionRunner } from './framework/projection-runner';
import { ProjectionStatusService } from './status/projection-status.service';

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
    const lag = (
      name: string,
      help: string,
      pick: (s: Awaited<ReturnType<ProjectionStatusService['all']>>[number]) => number,
    ): Gauge<'projection'> =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          // A scrape must answer even while the log is unreachable (that is when it matters):
          // the gauges then keep their last values.
          const all = await status.all().catch(() => []);
          for (const s of all) this.set({ projection: s.name }, pick(s));
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
    this.running = [new ClickBucketsProjection(), new AdCatalogProjection()].map((projection) =>
      new ProjectionRunner(projection, this.store, this.pool, checkpoints, options, onBatch).run(
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
