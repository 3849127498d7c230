import { CLICK_RECORDED, parseClickRecorded } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { bucketTable, BucketTables, GRANULARITIES, hashKey } from '@app/read-models';
import { PoolClient } from 'pg';
import { BatchOutcome, DeadLetter, Projection } from '../framework/projection';
import { BucketAccumulator } from './bucket-accumulator';
import { appendBreakdowns, appendBuckets } from './bucket-bulk-load';
import { upsertBreakdowns, upsertBuckets } from './click-buckets.repository';

/**
 * `upsert`: each bucket ends up as one row, merged with what is there (the live projection,
 * and a rebuild once its shadow tables have their keys). `append`: a rebuild's bulk replay into
 * keyless shadow tables, consolidated afterwards (see bucket-bulk-load.ts).
 */
export type BucketWriteMode = 'upsert' | 'append';

/** What a batch of events amounts to, before anything is written. */
export interface AccumulatedClicks extends BatchOutcome {
  readonly accumulator: BucketAccumulator;
}

/**
 * The one reading of a batch: which events are clicks, which are unreadable, and the deltas
 * they make. `apply` writes these deltas; the definition's `touched` names their keys.
 */
export function accumulateClicks(events: readonly RecordedEvent[]): AccumulatedClicks {
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
  return { accumulator, skipped, deadLetters };
}

/** ClickRecorded -> click_minute, click_hour, click_day and the daily country/device breakdowns. */
export class ClickBucketsProjection implements Projection {
  constructor(
    private readonly tables: BucketTables,
    private readonly mode: BucketWriteMode = 'upsert',
  ) {}

  async apply(events: readonly RecordedEvent[], tx: PoolClient): Promise<BatchOutcome> {
    const { accumulator, skipped, deadLetters } = accumulateClicks(events);
    const [buckets, breakdowns] =
      this.mode === 'append'
        ? [appendBuckets, appendBreakdowns]
        : [upsertBuckets, upsertBreakdowns];
    for (const granularity of GRANULARITIES)
      await buckets(
        tx,
        bucketTable(this.tables, granularity),
        accumulator.buckets[granularity].values(),
      );
    await breakdowns(tx, this.tables.breakdownDay, accumulator.breakdowns.values());
    return { skipped, deadLetters };
  }
}
