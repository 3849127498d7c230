import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { CheckpointStore, CLICK_BUCKETS, CLICK_BUCKETS_EVENT_TYPES } from '@app/read-models';
import { Pool } from 'pg';

const REUSE_MS = 250;

/**
 * How current the click read models are. `asOf` is the instant up to which every recorded
 * click is counted: now, when the projection has applied the whole log; otherwise the
 * recording time of the last click it applied; null before it has applied any.
 */
@Injectable()
export class FreshnessReader {
  /**
   * A dashboard polls several queries at once; they share one answer for a moment. Reusing an
   * earlier answer is safe: whatever was counted then is still counted when the buckets are read.
   */
  private recent?: { readonly at: number; readonly asOf: Promise<Date | null> };
  private readonly checkpoints: CheckpointStore;

  constructor(
    @Inject(Pool) pool: Pool,
    @Inject(EventStore) private readonly store: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(pool);
  }

  asOf(): Promise<Date | null> {
    if (this.recent && Date.now() - this.recent.at < REUSE_MS) return this.recent.asOf;
    const asOf = this.read();
    this.recent = { at: Date.now(), asOf };
    asOf.catch(() => (this.recent = undefined));
    return asOf;
  }

  private async read(): Promise<Date | null> {
    const now = new Date();
    const checkpoint = await this.checkpoints.read(CLICK_BUCKETS);
    const behind = await this.store.countAfter({
      from: checkpoint?.position ?? null,
      eventTypes: CLICK_BUCKETS_EVENT_TYPES,
      cap: 1,
    });
    return behind === 0 ? now : (checkpoint?.lastEventAt ?? null);
  }
}
