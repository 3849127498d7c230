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
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { projectionContext } from '../framework/projection-context';
import { BatchApplied, ProjectionRunner } from '../framework/projection-runner';
import { PROJECTIONS } from '../projections.registry';
import { ProjectionStatusService } from '../status/projection-status.service';
import { ProjectorMetrics } from './projector-metrics';

/** Starts every live projection when the app is up and stops them (finishing the batch in hand) on shutdown. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly controller = new AbortController();
  private running: Promise<void>[] = [];
  private readonly metrics: ProjectorMetrics;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(Pool) private readonly pool: Pool,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Registry) registry: Registry,
    @Inject(ProjectionStatusService) status: ProjectionStatusService,
  ) {
    this.metrics = new ProjectorMetrics(registry, status);
  }

  onApplicationBootstrap(): void {
    const checkpoints = new CheckpointStore(this.pool);
    const options = {
      maxBatch: this.config.get('PROJECTION_BATCH_SIZE'),
      maxWaitMs: this.config.get('PROJECTION_BATCH_WAIT'),
    };
    const onBatch = (batch: BatchApplied): void => this.metrics.onBatch(batch);
    const context = projectionContext(this.config);
    this.running = PROJECTIONS.map((definition) =>
      new ProjectionRunner(
        definition,
        this.store,
        this.pool,
        checkpoints,
        options,
        context,
        onBatch,
      ).run(this.controller.signal),
    );
    this.logger.log(`projecting ${this.running.length} read models`);
  }

  async onModuleDestroy(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running);
  }
}
