import { CLICK_RECORDED, parseClickRecorded } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import {
  breakdownTable,
  bucketTable,
  BucketTables,
  GRANULARITIES,
  hashKey,
} from '@app/read-models';
import { PoolClient } from 'pg';
import {
  BatchOutcome,
  DeadLetter,
  HoldingProjection,
  PreparedBatch,
  Projection,
} from '../framework/projection';
import { appendBreakdowns, appendBuckets } from './bucket-bulk-load';
import { BucketAccumulator } from './bucket-accumulator';
import { bucketRows, breakdownRowsJson } from './bucket-rows';
import { prepareBuckets, upsertBreakdowns, upsertBuckets } from './click-buckets.repository';

/** What a batch of events amounts to, before anything is written. */
export interface AccumulatedClicks extends BatchOutcome {
  readonly accumulator: BucketAccumulator;
}

/**
 * The one reading of a batch: which events are clicks, which are unreadable, and the deltas
 * they make. `apply` writes these deltas; the definition's `touched` names their keys.
 */
export function accumulateClicks(
  events: readonly RecordedEvent[],
  accumulator = new BucketAccumulator(),
): AccumulatedClicks {
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

/**
 * ClickRecorded -> click_minute, click_hour, click_day, click_hour_shifted and the minute, hour
 * and day breakdowns by country, device and placement, all in the batch's transaction (with
 * its checkpoint).
 */
export class ClickBucketsProjection implements Projection {
  constructor(private readonly tables: BucketTables) {}

  prepare(events: readonly RecordedEvent[]): PreparedBatch {
    const { accumulator, skipped, deadLetters } = accumulateClicks(events);
    const outcome = { skipped, deadLetters };
    const prepared = [
      ...GRANULARITIES.map((granularity) => ({
        table: bucketTable(this.tables, granularity),
        buckets: prepareBuckets(bucketRows(accumulator.buckets[granularity].values())),
      })),
      {
        table: this.tables.shiftedHour,
        buckets: prepareBuckets(bucketRows(accumulator.shiftedHours.values())),
      },
    ];
    const breakdowns = GRANULARITIES.filter((g) => accumulator.breakdowns[g].size > 0).map(
      (granularity) => ({
        table: breakdownTable(this.tables, granularity),
        json: breakdownRowsJson(accumulator.breakdowns[granularity].values()),
      }),
    );
    return {
      write: async (tx) => {
        for (const { table, buckets } of prepared) await upsertBuckets(tx, table, buckets);
        for (const { table, json } of breakdowns) await upsertBreakdowns(tx, table, json);
        return outcome;
      },
    };
  }
}

/**
 * The bulk replay of a rebuild: clicks folded into one accumulator across batches, appended
 * with COPY into keyless shadow tables at each flush (see bucket-bulk-load.ts). Dead letters
 * were recorded by the live projection; the shadow only passes them over.
 */
export class ClickBucketsBulkLoad implements HoldingProjection {
  private accumulator = new BucketAccumulator();

  constructor(private readonly tables: BucketTables) {}

  get held(): number {
    const { buckets, shiftedHours, breakdowns } = this.accumulator;
    return (
      buckets.MINUTE.size +
      buckets.HOUR.size +
      buckets.DAY.size +
      shiftedHours.size +
      breakdowns.MINUTE.size +
      breakdowns.HOUR.size +
      breakdowns.DAY.size
    );
  }

  hold(events: readonly RecordedEvent[]): void {
    accumulateClicks(events, this.accumulator);
  }

  async flush(tx: PoolClient): Promise<void> {
    const { buckets, shiftedHours, breakdowns } = this.accumulator;
    this.accumulator = new BucketAccumulator();
    for (const granularity of GRANULARITIES)
      await appendBuckets(
        tx,
        bucketTable(this.tables, granularity),
        bucketRows(buckets[granularity].values()),
      );
    await appendBuckets(tx, this.tables.shiftedHour, bucketRows(shiftedHours.values()));
    for (const granularity of GRANULARITIES)
      await appendBreakdowns(
        tx,
        breakdownTable(this.tables, granularity),
        breakdowns[granularity].values(),
      );
  }
}
