import { Inject, Injectable } from '@nestjs/common';
import { CLICK_RECORDED } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { CLICK_BUCKETS } from '@app/projections';
import { Pool } from 'pg';

/**
 * How current the click read models are. `asOf` is the instant up to which every recorded
 * click is counted: now, when the projection has applied the whole log; otherwise the
 * recording time of the last click it applied; null before it has applied any.
 */
@Injectable()
export class FreshnessReader {
  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async asOf(): Promise<Date | null> {
    const now = new Date();
    const { rows } = await this.pool.query<{ position: string | null; last_event_at: Date | null }>(
      'SELECT position, last_event_at FROM projection_checkpoints WHERE projection = $1',
      [CLICK_BUCKETS],
    );
    const checkpoint = rows[0];
    const behind = await this.store.countAfter({
      from: checkpoint?.position ?? null,
      eventTypes: [CLICK_RECORDED],
      cap: 1,
    });
    return behind === 0 ? now : (checkpoint?.last_event_at ?? null);
  }
}
