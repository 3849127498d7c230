import { Logger } from '@nestjs/common';
import { EventStore, Position, RecordedEvent } from '@app/event-store';
import { CheckpointStore } from '@app/read-models';
import { Pool, PoolClient } from 'pg';
import { inTransaction } from '../framework/in-transaction';
import { HeldFlush, HoldingProjection, Projection } from '../framework/projection';
import { ProjectionContext } from '../framework/projection-context';
import { ProjectionDefinition } from '../framework/projection-definition';
import { combineMovement, movement, Movement } from './moved-clicks';
import { RebuildJob, RebuildReport } from './rebuild-job';
import { RebuildJobsRepository } from './rebuild-jobs.repository';
import { clicksDifference, combine, keyIds, tally, Tally } from './reconcile';
import {
  addShadowPrimaryKeys,
  analyzeShadowTables,
  buildShadowIndexes,
  createShadowTables,
  holdOffAutovacuum,
  shadowName,
  shadowPrimaryKeysExist,
  shadowTablesExist,
  shortenLockWaits,
  swapShadowTables,
} from './shadow-tables';

export interface RebuildOptions {
  /** Events read from the log per query. */
  readonly pageSize: number;
  /** Events applied to the shadow tables per transaction (one delta per bucket per batch). */
  readonly batchEvents: number;
}

/**
 * Rows the bulk replay holds in memory before it writes them (a few hundred bytes each): about
 * 150,000 events of the worst shape (10,000 ads over 30 days), a million of the realistic one.
 */
const HELD_ROWS = 400_000;
/**
 * Batches held at most before a flush, whatever their rows: bounds what a crash makes the
 * resumed job read again, and lets its progress move.
 */
const HELD_BATCHES = 10;

const EMPTY: Tally = { compared: 0, differing: 0, liveClicks: 0, rebuiltClicks: 0, listed: [] };

/** Ends a run that lost its job (another process took it, or the job was finished elsewhere). */
class Abandoned extends Error {}

/**
 * Runs one rebuild job to its end: replay the whole log into shadow tables (while the live
 * projection and all queries go on; append-only into keyless tables when the target has a bulk
 * path, then consolidated and keyed), catch up with the live projection, then in one
 * transaction that holds the live checkpoint row (which pauses the live projection wherever it
 * runs): apply the last events, reconcile shadow and live table by table, and swap them.
 * Progress is the job's own checkpoint, written with each shadow batch, so a crash resumes
 * where it stopped; nothing is swapped unless the shadow stands exactly where live stands.
 */
export class RebuildRunner {
  private readonly logger: Logger;
  private readonly projection: Projection;
  private position: Position | null;
  private applied: number;
  private total = 0;
  private readonly rate = { since: Date.now(), events: 0 };
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly job: RebuildJob,
    private readonly target: ProjectionDefinition,
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly jobs: RebuildJobsRepository,
    private readonly options: RebuildOptions,
    private readonly context: ProjectionContext,
  ) {
    this.logger = new Logger(`Rebuild:${target.name}`);
    this.projection = target.create(shadowName, context);
    this.checkpoints = new CheckpointStore(pool);
    this.position = job.position;
    this.applied = job.eventsApplied;
  }

  async run(signal: AbortSignal): Promise<void> {
    const fresh =
      this.job.status === 'queued' || !(await shadowTablesExist(this.pool, this.target.tables));
    if (fresh) {
      this.logger.log(`job ${this.job.id}: replaying the whole log into shadow tables`);
      await this.jobs.restart(this.job.id);
      this.position = null;
      this.applied = 0;
      await createShadowTables(this.pool, this.target.tables, { primaryKey: !this.target.bulk });
    } else {
      this.logger.log(`job ${this.job.id}: resuming after ${this.applied} events`);
    }
    this.total =
      this.applied +
      (await this.store.countAfter({
        from: this.position,
        eventTypes: this.target.eventTypes,
        cap: 1e10,
      }));
    await this.jobs.setStatus(this.job.id, 'replaying');
    // With a bulk path, append-only into keyless tables (a crash resumes this from the job's
    // checkpoint too); one transaction then merges the rows of buckets that straddled batches
    // and adds the keys.
    const bulk =
      this.target.bulk && !(await shadowPrimaryKeysExist(this.pool, this.target.tables))
        ? this.target.bulk
        : undefined;
    const replayStarted = Date.now();
    if (bulk) {
      const holding = bulk.create(shadowName, this.context);
      // A resumed replay takes back what it held across flushes (the repeat memory).
      await holding.load?.(this.pool);
      await this.bulkReplayUpToLive(signal, holding);
    } else await this.replayUpToLive(signal, this.projection);
    if (signal.aborted) return;
    this.logger.log(
      `job ${this.job.id}: replay reached ${this.applied} events in ${Date.now() - replayStarted} ms`,
    );

    await this.jobs.setStatus(this.job.id, 'catching-up');
    if (bulk) {
      const started = Date.now();
      await inTransaction(this.pool, async (tx) => {
        await bulk.consolidate(tx, shadowName);
        await addShadowPrimaryKeys(tx, this.target.tables);
      });
      this.logger.log(`job ${this.job.id}: shadow keyed in ${Date.now() - started} ms`);
    }
    const indexStarted = Date.now();
    await buildShadowIndexes(this.pool, this.target.tables);
    this.logger.log(`job ${this.job.id}: shadow indexes built in ${Date.now() - indexStarted} ms`);
    await analyzeShadowTables(this.pool, this.target.tables);
    // Building keys and indexes took a while; the live projection moved on meanwhile.
    await this.replayUpToLive(signal, this.projection);
    if (signal.aborted) return;

    await this.jobs.setStatus(this.job.id, 'comparing');
    await this.swap();
  }

  /** Applies shadow batches until the shadow reaches the live projection's checkpoint. */
  private async replayUpToLive(signal: AbortSignal, projection: Projection): Promise<void> {
    for (;;) {
      if (signal.aborted) return;
      const live = await this.liveCheckpoint();
      const batch = await this.readUpTo(live, this.options.batchEvents);
      if (batch.length === 0) return;
      await inTransaction(this.pool, (tx) => this.applyBatch(tx, batch, projection));
    }
  }

  /**
   * The bulk replay: pages of the log are folded into what the bulk projection holds, and
   * written in one transaction with the job's checkpoint when it holds HELD_ROWS rows or
   * HELD_BATCHES batches of events, or the replay has reached the live projection. A crash
   * loses only what was held, and the job resumes from the last flush.
   *
   * Node and PostgreSQL work side by side: the next page is read while this one is judged,
   * and a flush is written while the pages after it are judged (what it writes, the repeat
   * memory included, was taken whole at its checkpoint; see HoldingProjection.take), instead
   * of Node waiting for each read and each flush's COPY. At most one flush is in flight, and
   * each commits before the next is taken, so checkpoints still move in log order; memory is
   * then at most what one flush holds twice.
   */
  private async bulkReplayUpToLive(signal: AbortSignal, bulk: HoldingProjection): Promise<void> {
    const pageSize = Math.min(this.options.pageSize, this.options.batchEvents);
    let read = this.position;
    let held = 0;
    let flushing: Promise<void> | undefined;
    let next: Promise<RecordedEvent[]> | undefined = this.readPage(read, pageSize);
    try {
      while (next) {
        const page = await next;
        next = undefined;
        if (page.length > 0) {
          read = page[page.length - 1].position;
          if (!signal.aborted) next = this.readPage(read, pageSize);
          // Observed on the next turn (or dropped on abort); never an unhandled rejection.
          next?.catch(() => undefined);
          bulk.hold(page);
          held += page.length;
        }
        const end = page.length === 0;
        if (
          held > 0 &&
          (end || bulk.held >= HELD_ROWS || held >= HELD_BATCHES * this.options.batchEvents)
        ) {
          await flushing;
          if (signal.aborted) return;
          flushing = this.writeFlush(bulk.take(), read!, held);
          flushing.catch(() => undefined);
          held = 0;
        }
        if (end || signal.aborted) break;
      }
      await flushing;
    } finally {
      // A failed page or flush ends the run; the one still in flight is not left unobserved.
      await flushing?.catch(() => undefined);
    }
  }

  /** One page of events after `after`, up to the live projection's checkpoint. */
  private async readPage(after: Position | null, max: number): Promise<RecordedEvent[]> {
    return this.readUpTo(await this.liveCheckpoint(), max, after);
  }

  /** Writes a held flush with the job's checkpoint at `through`, `events` after the last one. */
  private async writeFlush(held: HeldFlush, through: Position, events: number): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await this.checkJob(tx);
      await held.write(tx);
      await this.advance(tx, through, events);
    });
  }

  /**
   * The swap. A full comparison runs first, outside the pause, in a read-only snapshot; the
   * pause (the live checkpoint row held) then only applies the last events to the shadow and
   * compares again the rows those events touched, in that snapshot and now. So the pause grows
   * with the events that arrived meanwhile, not with the size of the tables.
   */
  private async swap(): Promise<void> {
    const tables = this.target.tables.filter((t) => t.reconciled !== false);
    const judged = tables.find((t) => t.judged);
    const noMovement: Movement = new Map();
    const snapshot = await this.pool.connect();
    let snapshotOpen = false;
    const tx = await this.pool.connect();
    try {
      await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      snapshotOpen = true;
      await snapshot.query(`SET LOCAL work_mem = '256MB'`);
      const before = new Map<string, Tally>();
      for (const table of tables) before.set(table.name, await tally(snapshot, table));
      const movedBefore = judged ? await movement(snapshot, judged) : noMovement;

      await tx.query('BEGIN');
      await shortenLockWaits(tx);
      await holdOffAutovacuum(tx, this.target.tables);
      const paused = process.hrtime.bigint();
      // The live runner locks this row in every batch: holding it pauses the live projection.
      const live = await this.liveCheckpoint(tx);
      const last: RecordedEvent[] = [];
      for (;;) {
        const batch = await this.readUpTo(live, this.options.batchEvents);
        if (batch.length === 0) break;
        await this.applyBatch(tx, batch, this.projection);
        last.push(...batch);
      }
      if (this.position !== live)
        throw new Error(`shadow stands at ${this.position}, live at ${live}: not swapping`);

      const touched = this.target.touched(last, this.context);
      const touchedBefore = new Map<string, Tally>();
      for (const table of tables) {
        const keys = touched.get(table.name);
        if (keys?.length) touchedBefore.set(table.name, await tally(snapshot, table, keys));
      }
      const judgedKeys = judged ? (touched.get(judged.name) ?? []) : [];
      const movedTouchedBefore =
        judged && judgedKeys.length ? await movement(snapshot, judged, judgedKeys) : noMovement;
      // The snapshot's read locks must go before the swap can drop the live tables.
      await snapshot.query('COMMIT');
      snapshotOpen = false;
      const reconciled = [];
      for (const table of tables) {
        const keys = touched.get(table.name) ?? [];
        const now = keys.length ? await tally(tx, table, keys) : EMPTY;
        const ids = keys.length ? await keyIds(tx, table, keys) : new Set<string>();
        reconciled.push(
          combine(table, before.get(table.name)!, touchedBefore.get(table.name) ?? EMPTY, now, ids),
        );
      }
      const movedNow =
        judged && judgedKeys.length ? await movement(tx, judged, judgedKeys) : noMovement;
      const movedAds = combineMovement(movedBefore, movedTouchedBefore, movedNow);
      const report: RebuildReport = {
        position: live,
        eventsReplayed: this.applied,
        tables: reconciled,
        rowsCompared: reconciled.reduce((n, t) => n + t.rowsCompared, 0),
        rowsDiffering: reconciled.reduce((n, t) => n + t.rowsDiffering, 0),
        clicksDifference: clicksDifference(reconciled, tables),
        ...(this.target.rules ? { rules: this.target.rules(this.context) } : {}),
        ...(judged
          ? {
              clicksMoved: {
                toInvalid: movedAds.reduce((n, a) => n + a.toInvalid, 0),
                toValid: movedAds.reduce((n, a) => n + a.toValid, 0),
                ads: movedAds,
              },
            }
          : {}),
      };
      // Every table is swapped, the unreconciled working memory with the others.
      await swapShadowTables(tx, this.target.tables);
      const pauseMs = Number(process.hrtime.bigint() - paused) / 1e6;
      await this.jobs.swapped(tx, this.job.id, report, pauseMs);
      await tx.query('COMMIT');
      this.logger.log(
        `job ${this.job.id}: swapped after ${this.applied} events; ${report.rowsDiffering} of ` +
          `${report.rowsCompared} rows differed; live projection paused ${pauseMs.toFixed(0)} ms`,
      );
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (snapshotOpen) await snapshot.query('ROLLBACK').catch(() => undefined);
      snapshot.release();
      tx.release();
    }
  }

  /** Events after `after` (the shadow's position), up to and including `until` (the live checkpoint). */
  private async readUpTo(
    until: Position | null,
    max: number,
    after: Position | null = this.position,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    if (until === null) return events;
    let from = after;
    while (events.length < max) {
      const page = await this.store.readAll({
        from,
        maxCount: Math.min(this.options.pageSize, max - events.length),
        eventTypes: this.target.eventTypes,
      });
      for (const event of page) {
        if (event.position > until) return events;
        events.push(event);
      }
      if (page.length === 0) break;
      from = page[page.length - 1].position;
    }
    return events;
  }

  private async applyBatch(
    tx: PoolClient,
    batch: readonly RecordedEvent[],
    projection: Projection,
  ): Promise<void> {
    await this.checkJob(tx);
    // Dead letters were recorded by the live projection; the shadow only passes them over.
    await projection.prepare(batch).write(tx);
    await this.advance(tx, batch[batch.length - 1].position, batch.length);
  }

  /** Holds the job's row for `tx`, and ends this run if the job is no longer ours to run. */
  private async checkJob(tx: PoolClient): Promise<void> {
    const status = await this.jobs.lockStatus(tx, this.job.id);
    if (status === 'swapped' || status === 'failed')
      throw new Abandoned(`job ${this.job.id} is ${status}`);
  }

  /** Moves the job's checkpoint past `events` more events, in the transaction that wrote them. */
  private async advance(tx: PoolClient, position: Position, events: number): Promise<void> {
    this.rate.events += events;
    const seconds = (Date.now() - this.rate.since) / 1000;
    await this.jobs.advance(
      tx,
      this.job.id,
      position,
      events,
      seconds > 0 ? this.rate.events / seconds : 0,
      Math.max(this.total, this.applied + events),
    );
    this.position = position;
    this.applied += events;
  }

  /** Where the live projection stands; with `tx`, holding its row (which pauses it) until `tx` ends. */
  private async liveCheckpoint(tx?: PoolClient): Promise<Position | null> {
    if (tx) return (await this.checkpoints.lock(tx, this.target.name)) ?? null;
    return (await this.checkpoints.read(this.target.name))?.position ?? null;
  }
}
