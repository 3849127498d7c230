import { appendFile } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EventRejected, EventStore } from '@app/event-store';
import { ReadinessCheck, ReadinessRegistry, ReadinessResult } from '@app/runtime';
import { ClickMetrics } from '../click-metrics';
import { ClickSpool, SpoolVanished } from './click-spool';
import { adoptOrphanedDirectories } from './spool-directory';
import { readSegment } from './spool-segment-reader';
import { SpooledClick } from './spooled-click';

const INTERVAL_MS = 1_000;
/** How often to look for spool directories whose tracker is gone. */
const ADOPT_EVERY_TICKS = 10;
/** Appends in flight at once during replay: enough for group commit to batch them. */
const REPLAY_BATCH = 500;

/**
 * Replays spooled clicks into the event store in the background once it takes appends again.
 * Replay is idempotent: every click goes to its own "no stream" stream with a deterministic
 * event id, so a click that did reach the store (a timeout that committed late, a replay cut
 * short by a crash) is not recorded twice. Nothing here may throw out of the timer: a failing
 * file system or store pauses replay, reported by /readyz, and the next tick tries again.
 */
@Injectable()
export class SpoolReplayer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'click-spool';
  private readonly logger = new Logger(SpoolReplayer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastError?: string;
  private replayedTotal = 0;
  private ticks = 0;
  /** Lines of each segment already in the store, so a paused replay resumes where it was. */
  private readonly progress = new Map<string, number>();

  constructor(
    @Inject(ClickSpool) private readonly spool: ClickSpool,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ClickMetrics) private readonly metrics: ClickMetrics,
    @Inject(ReadinessRegistry) registry: ReadinessRegistry,
  ) {
    registry.register(this);
  }

  onApplicationBootstrap(): void {
    if (this.spool.pending > 0)
      this.logger.warn(`${this.spool.pending} spooled clicks in ${this.spool.dir} wait for replay`);
    this.timer = setInterval(() => {
      if (this.running) return;
      const adopt = this.ticks++ % ADOPT_EVERY_TICKS === 0;
      if (this.spool.pending > 0 || adopt)
        this.running = (adopt ? this.replayAll() : this.replay()).finally(
          () => (this.running = undefined),
        );
    }, INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.spool.close();
  }

  /** The tracker keeps redirecting while clicks wait in the spool: ready, with the backlog shown. */
  check(): Promise<ReadinessResult> {
    return Promise.resolve({
      ready: true,
      detail: {
        directory: this.spool.dir,
        pending: this.spool.pending,
        replayed: this.replayedTotal,
        lastError: this.lastError ?? null,
      },
    });
  }

  /** Replays this tracker's spool; never rejects (a failure is kept for /readyz and logged). */
  replay(): Promise<void> {
    return this.replaySpool(this.spool);
  }

  /**
   * This tracker's spool, then those of trackers that are gone, each locked while it is read.
   * Never rejects: a failure is kept for /readyz and logged.
   */
  private async replayAll(): Promise<void> {
    if (this.spool.pending > 0) await this.replay();
    try {
      for (const directory of adoptOrphanedDirectories(this.spool.dir)) {
        try {
          const orphan = new ClickSpool(directory);
          if (orphan.pending > 0) {
            this.logger.warn(
              `replaying ${orphan.pending} clicks spooled in ${directory.path} by a tracker that is gone`,
            );
            await this.replaySpool(orphan);
          }
          await orphan.close();
        } finally {
          directory.release();
        }
      }
    } catch (error) {
      this.pause(error);
    }
  }

  private async replaySpool(spool: ClickSpool): Promise<void> {
    try {
      for (const file of await spool.seal()) {
        if (!(await this.replaySegment(spool, file))) return;
      }
      this.lastError = undefined;
    } catch (error) {
      if (error instanceof SpoolVanished) {
        this.metrics.lost.inc(error.lost);
        this.logger.error(error.message);
      }
      this.pause(error);
    }
  }

  /** True when the whole segment is in the store and the file is gone. */
  private async replaySegment(spool: ClickSpool, file: string): Promise<boolean> {
    const key = spool.path(file);
    const done = this.progress.get(key) ?? 0;
    let line = 0;
    let batch: SpooledClick[] = [];
    let corrupt = 0;
    const setAside = (text: string): Promise<void> =>
      appendFile(spool.path(`corrupt-${file}`), `${text}\n`, { mode: 0o600 });
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const refused: SpooledClick[] = [];
      await Promise.all(
        batch.map((c) =>
          this.store.append(c.streamId, [c.event], 'no-stream').catch((error: unknown) => {
            // The store will never take this one (a NUL in it, say): set it aside, go on.
            if (!(error instanceof EventRejected)) throw error;
            refused.push(c);
          }),
        ),
      );
      for (const click of refused) await setAside(JSON.stringify(click));
      corrupt += refused.length;
      this.progress.set(key, line);
      spool.markReplayed(batch.length);
      this.replayedTotal += batch.length;
      this.metrics.spoolReplayed.inc(batch.length);
      batch = [];
    };
    try {
      for await (const entry of readSegment(spool.path(file))) {
        line++;
        if (line <= done) continue;
        if (entry.ok) {
          batch.push(entry.click);
        } else {
          // A torn line is an unacknowledged write (see ClickSpool): keep it for inspection,
          // count it, and go on. The clicks before it go to the store first, so that the
          // progress can move past it: while the store is down, it is set aside only once.
          await flush();
          corrupt++;
          await setAside(entry.text);
          spool.markReplayed(1);
          this.progress.set(key, line);
        }
        if (batch.length >= REPLAY_BATCH) await flush();
      }
      if (batch.length > 0) await flush();
    } catch (error) {
      this.pause(error);
      return false;
    }
    if (corrupt > 0) {
      this.metrics.spoolCorrupt.inc(corrupt);
      this.logger.error(
        `${corrupt} line(s) of spool segment ${file} could not be replayed (torn writes, or events the store refuses); kept in corrupt-${file}`,
      );
    }
    await spool.remove(file);
    this.progress.delete(key);
    this.logger.log(`replayed spool segment ${file} (${line - done - corrupt} clicks)`);
    return true;
  }

  private pause(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.warn(`spool replay paused: ${this.lastError}; ${this.spool.pending} clicks wait`);
  }
}
