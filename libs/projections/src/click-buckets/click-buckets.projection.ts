import { CLICK_RECORDED, parseClickRecorded } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { BatchOutcome, DeadLetter, Projection } from '../framework/projection';
import { hashKey } from '../hll/hyperloglog';
import { BucketAccumulator } from './bucket-accumulator';
import { BucketTables, LIVE_BUCKET_TABLES } from './bucket-tables';
import { appendBreakdowns, appendBuckets } from './bucket-bulk-load';
import { upsertBreakdowns, upsertBuckets } from './click-buckets.repository';

/**
 * `upsert`: each bucket ends up as one row, merged with what is there (the live projection,
 * and a rebuild once its shadow tables have their keys). `append`: a rebuild's bulk replay into
 * keyless shadow tables, consolidated afterwards (see bucket-bulk-load.ts).
 */
export type BucketWriteMode = 'upsert' | 'append';

export const CLICK_BUCKETS = 'click-buckets';

/** ClickRecorded -> click_minute, click_hour, click_day and the daily country/device breakdowns. */
export class ClickBucketsProjection implements Projection {
  readonly eventTypes = [CLICK_RECORDED];

  constructor(
    readonly name: string = CLICK_BUCKETS,
    private readonly tables: BucketTables = LIVE_BUCKET_TABLES,
    private readonly mode: BucketWriteMode = 'upsert',
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
    const [buckets, breakdowns] =
      this.mode === 'append'
        ? [appendBuckets, appendBreakdowns]
        : [upsertBuckets, upsertBreakdowns];
    await buckets(tx, this.tables.minute, accumulator.buckets.minute.values());
    await buckets(tx, this.tables.hour, accumulator.buckets.hour.values());
    await buckets(tx, this.tables.day, accumulator.buckets.day.values());
    await breakdowns(tx, this.tables.breakdownDay, accumulator.breakdowns.values());
    return { skipped, deadLetters };
  }
}
