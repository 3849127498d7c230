import {
  AD_PAUSED,
  AD_REGISTERED,
  AD_RESUMED,
  AD_TARGET_CHANGED,
  AdEvent,
  isAdEvent,
} from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { BatchOutcome, DeadLetter, PreparedBatch, Projection } from '../framework/projection';

/** The row an ad event changes: the definition's `touched` and every statement below use it. */
export const adCatalogKey = (event: AdEvent): string => event.data.adId;

/** Ad events -> ad_catalog, the read model the API lists ads from. Ad events are rare: one statement each. */
export class AdCatalogProjection implements Projection {
  /** `table` is ad_catalog, or a rebuild's shadow copy of it. */
  constructor(private readonly table: string) {}

  /** Ad events are few: all the work is in the statements. */
  prepare(events: readonly RecordedEvent[]): PreparedBatch {
    return { write: (tx) => this.apply(events, tx) };
  }

  private async apply(events: readonly RecordedEvent[], tx: PoolClient): Promise<BatchOutcome> {
    const deadLetters: DeadLetter[] = [];
    let skipped = 0;
    for (const event of events) {
      if (!isAdEvent(event)) {
        skipped++;
        continue;
      }
      // A savepoint per event: a statement that fails must not abort the batch's transaction.
      await tx.query('SAVEPOINT ad_event');
      try {
        await this.applyOne(event as AdEvent, event.recordedAt, tx);
        await tx.query('RELEASE SAVEPOINT ad_event');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT ad_event');
        deadLetters.push({ event, error: (error as Error).message });
      }
    }
    return { skipped, deadLetters };
  }

  private async applyOne(event: AdEvent, at: Date, tx: PoolClient): Promise<void> {
    switch (event.type) {
      case AD_REGISTERED: {
        const { advertiserId, name, targetUrl } = event.data;
        await tx.query(
          `INSERT INTO ${this.table} (ad_id, advertiser_id, name, target_url, registered_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (ad_id) DO NOTHING`,
          [adCatalogKey(event), advertiserId, name, targetUrl, at],
        );
        return;
      }
      case AD_TARGET_CHANGED:
        await tx.query(
          `UPDATE ${this.table} SET target_url = $2, updated_at = $3 WHERE ad_id = $1`,
          [adCatalogKey(event), event.data.targetUrl, at],
        );
        return;
      case AD_PAUSED:
      case AD_RESUMED:
        await tx.query(`UPDATE ${this.table} SET paused = $2, updated_at = $3 WHERE ad_id = $1`, [
          adCatalogKey(event),
          event.type === AD_PAUSED,
          at,
        ]);
        return;
    }
  }
}
