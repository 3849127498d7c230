import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '@app/config';
import { backoffDelay, EventStore, sleep } from '@app/event-store';
import { Pool, PoolClient } from 'pg';
import { RebuildJob } from './rebuild-job';
import { RebuildJobsRepository } from './rebuild-jobs.repository';
import { RebuildRunner } from './rebuild-runner';
import { projectionContext } from '../framework/projection-context';
import { findProjection, PROJECTIONS } from '../projections.registry';

const POLL_MS = 1_000;
const MAX_ATTEMPTS = 5;

export class UnknownProjection extends Error {}

/**
 * The projector's rebuild worker. Jobs are rows in PostgreSQL: whoever asks (the API over
 * TCP, or a restart finding unfinished jobs) only queues them, and this loop runs every queued
 * or interrupted job it can take. A per-projection advisory lock means one process runs a
 * given rebuild, however many projectors there are.
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RebuildService.name);
  private readonly controller = new AbortController();
  private readonly jobs: RebuildJobsRepository;
  private readonly running = new Map<string, Promise<void>>();
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(Pool) private readonly pool: Pool,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.jobs = new RebuildJobsRepository(pool);
  }

  onApplicationBootstrap(): void {
    this.loop = this.poll();
  }

  async onModuleDestroy(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.loop;
    await Promise.all(this.running.values());
  }

  /** Queues a rebuild of each projection (all when none is named), or finds the one running. */
  async request(projections: readonly string[]): Promise<RebuildJob[]> {
    const names =
      projections.length > 0 ? [...new Set(projections)] : PROJECTIONS.map((p) => p.name);
    const unknown = names.filter((name) => !findProjection(name));
    if (unknown.length > 0)
      throw new UnknownProjection(
        `unknown projection ${unknown.map((n) => `"${n}"`).join(', ')}; projections: ${PROJECTIONS.map((p) => p.name).join(', ')}`,
      );
    const jobs = [];
    for (const name of names) jobs.push(await this.jobs.requestFor(name));
    this.wake?.();
    return jobs;
  }

  private async poll(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        for (const job of await this.jobs.unfinished())
          if (!this.running.has(job.projection)) void this.tryRun(job);
      } catch (error) {
        this.logger.warn(`could not list rebuild jobs: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, POLL_MS);
      });
    }
  }

  private tryRun(job: RebuildJob): Promise<void> {
    const run = this.runWithLock(job).finally(() => this.running.delete(job.projection));
    this.running.set(job.projection, run);
    return run;
  }

  private async runWithLock(job: RebuildJob): Promise<void> {
    const target = findProjection(job.projection);
    if (!target) {
      await this.jobs.failed(job.id, `no projection named "${job.projection}"`);
      return;
    }
    let lock: PoolClient | undefined;
    try {
      lock = await this.pool.connect();
      lock.on('error', (error) =>
        this.logger.warn(`rebuild lock connection failed: ${error.message}`),
      );
      const { rows } = await lock.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`rebuild:${job.projection}`],
      );
      if (!rows[0].locked) return; // another projector process is running it
      for (let attempt = 1; !this.controller.signal.aborted; attempt++) {
        // Read the job again under the lock: it may have moved on since it was listed.
        const current = await this.jobs.find(job.id);
        if (!current || current.status === 'swapped' || current.status === 'failed') return;
        try {
          await new RebuildRunner(
            current,
            target,
            this.store,
            this.pool,
            this.jobs,
            { pageSize: 10_000, batchEvents: this.config.get('REBUILD_BATCH_SIZE') },
            projectionContext(this.config),
          ).run(this.controller.signal);
          return;
        } catch (error) {
          const message = (error as Error).message;
          if (attempt >= MAX_ATTEMPTS) {
            this.logger.error(`rebuild ${job.id} failed: ${message}`);
            await this.jobs.failed(job.id, message);
            return;
          }
          const delay = backoffDelay(attempt);
          this.logger.warn(`rebuild ${job.id}: ${message}; resuming in ${delay} ms`);
          await sleep(delay, this.controller.signal);
        }
      }
    } catch (error) {
      this.logger.warn(`rebuild ${job.id} could not start: ${(error as Error).message}`);
    } finally {
      if (lock) {
        await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        lock.release();
      }
    }
  }
}
