import { unlink } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { ReadinessCheck, ReadinessRegistry, ReadinessResult } from '@app/runtime';
import { ClickMetrics } from '../click-metrics';
import { ClickSpool } from './click-spool';

const INTERVAL_MS = 1_000;

/**
 * Replays spooled clicks into the event store in the background once it takes appends again.
 * Replay is idempotent: every click goes to its own "no stream" stream with a deterministic
 * event id, so a click that did reach the store (a timeout that committed late, a replay cut
 * short by a crash) is not recorded twice.
 */
@Injectable()
export class SpoolReplayer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'click-spool';
  private readonly logger = new Logger(SpoolReplayer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastError?: string;
  private replayedTotal = 0;
  /** Lines of each replay file already in the store, so a paused replay resumes where it was. */
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
      this.logger.warn(`${this.spool.pending} spooled clicks wait for replay`);
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
        pending: this.spool.pending,
        replayed: this.replayedTotal,
        lastError: this.lastError ?? null,
      },
    });
  }

  async replay(): Promise<void> {
    for (const file of await this.spool.rotateForReplay()) {
      const clicks = this.spool.readReplayFile(file);
      try {
        for (let i = this.progress.get(file) ?? 0; i < clicks.length; i++) {
          await this.store.append(clicks[i].streamId, [clicks[i].event], 'no-stream');
          this.progress.set(file, i + 1);
          this.spool.markReplayed(1);
          this.replayedTotal++;
          this.metrics.spoolReplayed.inc();
        }
      } catch (error) {
        this.lastError = (error as Error).message;
        this.logger.warn(
          `spool replay paused: ${this.lastError}; ${this.spool.pending} clicks wait`,
        );
        return;
      }
      await unlink(this.spool.path(file));
      this.progress.delete(file);
      this.lastError = undefined;
      this.logger.log(`replayed ${clicks.length} spooled clicks from ${file}`);
    }
  }
}
