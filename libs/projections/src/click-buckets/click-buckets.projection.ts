import { CLICK_RECORDED, parseClickRecorded } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { BatchOutcome, DeadLetter, Projection } from '../framework/projection';
import { hashKey } from '../hll/hyperloglog';
import { BucketAccumulator } from './bucket-accumulator';
import { BucketTables, LIVE_BUCKET_TABLES } from './bucket-tables';
import { upsertBreakdowns, upsertBuckets } from './click-buckets.repository';

export const CLICK_BUCKETS = 'click-buckets';

/** ClickRecorded -> click_minute, click_hour, click_day and the daily country/device breakdowns. */
export class ClickBucketsProjection implements Projection {
  readonly eventTypes = [CLICK_RECORDED];

  constructor(
    readonly name: string = CLICK_BUCKETS,
    private readonly tables: BucketTables = LIVE_BUCKET_TABLES,
  ) {}

  async apply(events: readonly RecordedEvent[], tx: PoolClient): Promise<BatchOutcome> {
    const accumulator = new BucketAccumulator();
    const deadLetters: DeadLetter[] = [];
    let skipped = 0;
    for (const event of events) {
      if (event.type !== CLICK_RECORDED) {
        skipped++;
        continue;
      }
      try {
        const click = parseClickRecorded(event.data);
        accumulator.add(click, hashKey(click.userKey));
      } catch (error) {
        deadLetters.push({ event, error: (error as Error).message });
      }
    }
    await upsertBuckets(tx, this.tables.minute, accumulator.buckets.minute.values());
    await upsertBuckets(tx, this.tables.hour, accumulator.buckets.hour.values());
    await upsertBuckets(tx, this.tables.day, accumulator.buckets.day.values());
    await upsertBreakdowns(tx, this.tables.breakdownDay, accumulator.breakdowns.values());
    return { skipped, deadLetters };
  }
}
