import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { backoffDelay, EventStore, Position, RecordedEvent, sleep } from '@app/event-store';
import { CheckpointStore } from '@app/read-models';
import { linksToCauses, tracer, tracingEnabled } from '@app/tracing';
import { Pool, PoolClient } from 'pg';
import { batched } from './batched';
import { DeadLetterStore } from './dead-letters';
import { inTransaction } from './in-transaction';
import { BatchOutcome, PreparedBatch, Projection } from './projection';
import { ProjectionContext } from './projection-context';
import { ProjectionDefinition } from './projection-definition';
import { LIVE_TABLES } from './read-model-table';

export interface RunnerOptions {
  readonly maxBatch: number;
  readonly maxWaitMs: number;
}

export interface BatchApplied {
  readonly projection: string;
  readonly events: number;
  readonly outcome: BatchOutcome;
  readonly position: Position;
  readonly seconds: number;
}

class FencedOut extends Error {}

/**
 * Runs one projection: holds its advisory lock (other projector processes stand by), reads the
 * log from the stored checkpoint, and applies batches (≤ maxBatch events or maxWaitMs) each in
 * one transaction together with the checkpoint. Any failure restarts it from the stored
 * checkpoint with backoff; nothing is applied twice and nothing is skipped.
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private position: Position | null = null;
  private rate = new RateMeter();
  private readonly deadLetters = new DeadLetterStore();

  private readonly projection: Projection;
  private readonly traced = tracingEnabled();

  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly checkpoints: CheckpointStore,
    private readonly options: RunnerOptions,
    private readonly context: ProjectionContext,
    private readonly onBatch: (batch: BatchApplied) => void = () => undefined,
  ) {
    this.logger = new Logger(`Projection:${definition.name}`);
    this.projection = definition.create(LIVE_TABLES, context);
  }

  async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const lock = await this.pool.connect().catch(() => undefined);
      if (!lock) {
        await sleep(backoffDelay(failures++), signal);
        continue;
      }
      // A long-held connection can fail while checked out (the server restarts); without a
      // listener that error would end the process instead of this attempt.
      const onError = (error: Error): void =>
        this.logger.warn(`lock connection failed: ${error.message}`);
      lock.on('error', onError);
      try {
        if (!(await this.tryLock(lock))) {
          // Another projector process owns this projection; stand by and try again.
          await sleep(2_000, signal);
          continue;
        }
        await this.project(signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        const delay = backoffDelay(failures++);
        this.logger.warn(
          `${(error as Error).message}; restarting from the stored checkpoint in ${delay} ms`,
        );
        await sleep(delay, signal);
      } finally {
        await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        lock.off('error', onError);
        lock.release();
      }
    }
  }

  private async tryLock(client: PoolClient): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`projection:${this.definition.name}`],
    );
    return rows[0].locked;
  }

  /**
   * Batch N+1 is read and prepared while batch N's statements run: PostgreSQL and this process
   * work at the same time instead of taking turns. The transactions themselves stay one after
   * the other, each fenced on the position the previous one committed, so a prepared batch
   * whose predecessor failed is dropped unwritten and the attempt restarts from the stored
   * checkpoint.
   */
  private async project(signal: AbortSignal): Promise<void> {
    const checkpoint = await this.checkpoints.load(this.definition.name);
    this.position = checkpoint.position;
    // What judges the events from here on, for the projections operation to show.
    if (this.definition.rules)
      await this.checkpoints.setRules(this.definition.name, this.definition.rules(this.context));
    // Ends this attempt's subscription when the attempt fails, not only on shutdown.
    const attempt = new AbortController();
    const stop = (): void => attempt.abort();
    signal.addEventListener('abort', stop, { once: true });
    // A shutdown that came while the checkpoint loaded has already fired: no listener hears it.
    if (signal.aborted) stop();
    const events = this.store.subscribeToAll({
      from: this.position,
      eventTypes: this.definition.eventTypes,
      signal: attempt.signal,
    });
    const batches = batched(events, this.options.maxBatch, this.options.maxWaitMs)[
      Symbol.asyncIterator
    ]();
    let writing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const next = batches.next();
        next.catch(() => undefined);
        // A failed write ends the attempt at once, not when the next event arrives.
        const { value: batch, done } = await Promise.race([next, writing.then(() => next)]);
        if (done) break;
        if (batch.length === 0) continue;
        const prepared = this.projection.prepare(batch);
        await writing;
        if (signal.aborted) return;
        writing = this.traced
          ? this.tracedApplyBatch(batch, prepared)
          : this.applyBatch(batch, prepared);
        writing.catch(() => undefined);
      }
      await writing;
    } finally {
      attempt.abort();
      signal.removeEventListener('abort', stop);
      await writing.catch(() => undefined);
    }
  }

  /**
   * A span per batch, in a trace of its own (a batch is started by the log, not by a request),
   * with a link to the span that caused each of its events: the redirect that recorded a
   * click, named by the traceparent in the event's metadata. Links rather than parents, since
   * one batch serves hundreds of clicks; events recorded without tracing add no link.
   */
  private tracedApplyBatch(batch: RecordedEvent[], prepared: PreparedBatch): Promise<void> {
    const last = batch[batch.length - 1];
    return tracer.startActiveSpan(
      `projection batch ${this.definition.name}`,
      {
        kind: SpanKind.CONSUMER,
        root: true,
        links: linksToCauses(batch.map((event) => event.metadata)),
        attributes: {
          'clickstream.projection': this.definition.name,
          'messaging.batch.message_count': batch.length,
          'clickstream.projection.position': last.position,
        },
      },
      async (span) => {
        try {
          await this.applyBatch(batch, prepared);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async applyBatch(batch: RecordedEvent[], prepared: PreparedBatch): Promise<void> {
    const started = process.hrtime.bigint();
    const last = batch[batch.length - 1];
    const outcome = await inTransaction(this.pool, async (tx) => {
      if (!(await this.checkpoints.lockAndVerify(tx, this.definition.name, this.position))) {
        throw new FencedOut('the checkpoint moved under us (another projector applied this batch)');
      }
      const applied = await prepared.write(tx);
      await this.deadLetters.record(tx, this.definition.name, applied.deadLetters);
      this.rate.add(batch.length);
      await this.checkpoints.advance(
        tx,
        this.definition.name,
        last.position,
        batch.length,
        last.recordedAt,
        this.rate.perSecond(),
      );
      return applied;
    });
    this.position = last.position;
    if (outcome.deadLetters.length > 0)
      this.logger.warn(`${outcome.deadLetters.length} events dead-lettered`);
    this.onBatch({
      projection: this.definition.name,
      events: batch.length,
      outcome,
      position: last.position,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  }
}

/** Events per second over roughly the last ten seconds. */
class RateMeter {
  private readonly samples: { at: number; count: number }[] = [];

  add(count: number): void {
    this.samples.push({ at: Date.now(), count });
    while (this.samples.length > 0 && this.samples[0].at < Date.now() - 10_000)
      this.samples.shift();
  }

  perSecond(): number {
    if (this.samples.length < 2) return 0;
    const span = (this.samples[this.samples.length - 1].at - this.samples[0].at) / 1000;
    const count = this.samples.slice(1).reduce((n, s) => n + s.count, 0);
    return span > 0 ? count / span : 0;
  }
}
