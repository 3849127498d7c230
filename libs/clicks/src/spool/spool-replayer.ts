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
import { ClickSpool } from './click-spool';
import { readSegment } from './spool-segment-reader';
import { SpooledClick } from './spooled-click';

const INTERVAL_MS = 1_000;
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
      if (this.spool.pending > 0 && !this.running) {
        this.running = this.replay().finally(() => (this.running = undefined));
      }
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

  /** Replays every sealed segment; never rejects (a failure is kept for /readyz and logged). */
  async replay(): Promise<void> {
    try {
      for (const file of await this.spool.seal()) {
        if (!(await this.replaySegment(file))) return;
      }
      this.lastError = undefined;
    } catch (error) {
      this.pause(error);
    }
  }

  /** True when the whole segment is in the store and the file is gone. */
  private async replaySegment(file: string): Promise<boolean> {
    const done = this.progress.get(file) ?? 0;
    let line = 0;
    let batch: SpooledClick[] = [];
    let corrupt = 0;
    const setAside = (text: string): Promise<void> =>
      appendFile(this.spool.path(`corrupt-${file}`), `${text}\n`, { mode: 0o600 });
    const flush = async (): Promise<void> => {
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
      this.progress.set(file, line);
      this.spool.markReplayed(batch.length);
      this.replayedTotal += batch.length;
      this.metrics.spoolReplayed.inc(batch.length);
      batch = [];
    };
    try {
      for await (const entry of readSegment(this.spool.path(file))) {
        line++;
        if (line <= done) continue;
        if (entry.ok) {
          batch.push(entry.click);
        } else {
          // A torn line is an unacknowledged write (see ClickSpool): keep it for inspection,
          // count it, and go on.
          corrupt++;
          await setAside(entry.text);
          this.spool.markReplayed(1);
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
    await this.spool.remove(file);
    this.progress.delete(file);
    this.logger.log(`replayed spool segment ${file} (${line - done - corrupt} clicks)`);
    return true;
  }

  private pause(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.warn(`spool replay paused: ${this.lastError}; ${this.spool.pending} clicks wait`);
  }
}
