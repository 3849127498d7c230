import { CLICK_RECORDED, parseClickRecorded } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { breakdownTable, bucketTable, BucketTables, GRANULARITIES } from '@app/read-models';
import { Pool } from 'pg';
import {
  BatchOutcome,
  DeadLetter,
  HeldFlush,
  HoldingProjection,
  PreparedBatch,
  Projection,
} from '../framework/projection';
import { appendBreakdowns, appendBuckets } from './bucket-bulk-load';
import { BucketAccumulator } from './bucket-accumulator';
import { BreakdownColumns, breakdownColumns, bucketRows } from './bucket-rows';
import {
  prepareBuckets,
  PreparedBuckets,
  upsertBreakdowns,
  upsertBuckets,
} from './click-buckets.repository';
import { REASON_BIT } from './traffic-quality/invalid-reasons';
import { judgeClick, JudgedClick } from './traffic-quality/judged-click';
import { QualityRules, repeatRuleOn } from './traffic-quality/quality-rules';
import { RepeatMemory } from './traffic-quality/repeat-memory';
import {
  loadAllRepeatMemory,
  loadRepeatMemory,
  repeatMemorySnapshot,
  replaceRepeatMemory,
  saveRepeatMemory,
} from './traffic-quality/repeat-state.repository';

/** A batch read: its clicks judged by the stateless rules, and what was not a click. */
export interface ReadClicks extends BatchOutcome {
  readonly clicks: readonly JudgedClick[];
}

/**
 * The one reading of a batch: which events are clicks (upcast to one shape whatever version
 * was stored), which are unreadable, and each click's stateless verdict. `apply` writes what
 * these clicks make; the definition's `touched` names their keys.
 */
export function readClicks(events: readonly RecordedEvent[], rules: QualityRules): ReadClicks {
  const deadLetters: DeadLetter[] = [];
  const clicks: JudgedClick[] = [];
  let skipped = 0;
  for (const event of events) {
    if (event.type !== CLICK_RECORDED) {
      skipped++;
      continue;
    }
    try {
      clicks.push(judgeClick(parseClickRecorded(event.data), rules));
    } catch (error) {
      deadLetters.push({ event, error: (error as Error).message });
    }
  }
  return { clicks, skipped, deadLetters };
}

/** Folds judged clicks into `accumulator`; `repeats[i]` says whether click i is a repeat. */
export function accumulate(
  clicks: readonly JudgedClick[],
  accumulator = new BucketAccumulator(),
  repeats?: readonly boolean[],
): BucketAccumulator {
  for (let i = 0; i < clicks.length; i++)
    accumulator.add(clicks[i], clicks[i].reasons | (repeats?.[i] ? REASON_BIT.repeat : 0));
  return accumulator;
}

/** Every row a batch writes, serialized: built before the transaction where possible. */
interface BatchRows {
  readonly buckets: readonly { table: string; buckets: PreparedBuckets }[];
  readonly breakdowns: readonly { table: string; rows: BreakdownColumns }[];
}

/**
 * ClickRecorded -> click_minute, click_hour, click_day, click_hour_shifted and the minute, hour
 * and day breakdowns, all in the batch's transaction (with its checkpoint), and the repeat
 * rule's memory with them.
 *
 * The rows are built before the transaction as if no click were a repeat; in the transaction
 * the memory of the batch's (ad, user) pairs is read and the batch judged by the repeat rule.
 * Only a batch that holds a repeat is built again, there: the usual batch keeps the pipelining
 * the runner relies on (batch N+1 prepared while batch N is written).
 */
export class ClickBucketsProjection implements Projection {
  constructor(
    private readonly tables: BucketTables,
    private readonly rules: QualityRules,
  ) {}

  prepare(events: readonly RecordedEvent[]): PreparedBatch {
    const { clicks, skipped, deadLetters } = readClicks(events, this.rules);
    const outcome = { skipped, deadLetters };
    const assumed = this.rows(accumulate(clicks));
    const repeatRule = repeatRuleOn(this.rules) && clicks.length > 0;
    return {
      write: async (tx) => {
        let rows = assumed;
        if (repeatRule) {
          const memory = await loadRepeatMemory(tx, this.tables.repeatState, clicks, this.rules);
          const repeats = clicks.map((click) => memory.see(click));
          if (repeats.includes(true)) rows = this.rows(accumulate(clicks, undefined, repeats));
          await saveRepeatMemory(tx, this.tables.repeatState, memory);
        }
        for (const { table, buckets } of rows.buckets) await upsertBuckets(tx, table, buckets);
        for (const { table, rows: columns } of rows.breakdowns)
          await upsertBreakdowns(tx, table, columns);
        return outcome;
      },
    };
  }

  private rows(accumulator: BucketAccumulator): BatchRows {
    return {
      buckets: [
        ...GRANULARITIES.map((granularity) => ({
          table: bucketTable(this.tables, granularity),
          buckets: prepareBuckets(bucketRows(accumulator.buckets(granularity))),
        })),
        {
          table: this.tables.shiftedHour,
          buckets: prepareBuckets(bucketRows(accumulator.shiftedHours())),
        },
      ],
      breakdowns: GRANULARITIES.map((granularity) => ({
        table: breakdownTable(this.tables, granularity),
        rows: breakdownColumns(accumulator.breakdowns(granularity)),
      })),
    };
  }
}

/**
 * The bulk replay of a rebuild: clicks folded into one accumulator across batches, appended
 * with COPY into keyless shadow tables at each flush (see bucket-bulk-load.ts). The repeat
 * memory is held whole, in memory, for the whole replay and written with each flush (and
 * loaded back when a replay resumes). Dead letters were recorded by the live projection; the
 * shadow only passes them over.
 */
export class ClickBucketsBulkLoad implements HoldingProjection {
  private accumulator = new BucketAccumulator();
  private memory: RepeatMemory;

  constructor(
    private readonly tables: BucketTables,
    private readonly rules: QualityRules,
  ) {
    this.memory = new RepeatMemory(rules);
  }

  async load(db: Pool): Promise<void> {
    if (repeatRuleOn(this.rules))
      this.memory = await loadAllRepeatMemory(db, this.tables.repeatState, this.rules);
  }

  get held(): number {
    return this.accumulator.size;
  }

  hold(events: readonly RecordedEvent[]): void {
    // readClicks and accumulate, fused: each click is judged, remembered and counted before
    // the next is read, so no list of a page's clicks outlives a young-generation collection.
    const repeatRule = repeatRuleOn(this.rules);
    for (const event of events) {
      if (event.type !== CLICK_RECORDED) continue;
      let click: JudgedClick;
      try {
        click = judgeClick(parseClickRecorded(event.data), this.rules);
      } catch {
        continue; // a dead letter, recorded by the live projection
      }
      const repeat = repeatRule && this.memory.see(click);
      this.accumulator.add(click, click.reasons | (repeat ? REASON_BIT.repeat : 0));
    }
  }

  take(): HeldFlush {
    const held = this.accumulator;
    this.accumulator = new BucketAccumulator();
    const memory = repeatRuleOn(this.rules) ? repeatMemorySnapshot(this.memory) : undefined;
    const tables = this.tables;
    return {
      async write(tx) {
        for (const granularity of GRANULARITIES)
          await appendBuckets(
            tx,
            bucketTable(tables, granularity),
            bucketRows(held.buckets(granularity)),
          );
        await appendBuckets(tx, tables.shiftedHour, bucketRows(held.shiftedHours()));
        for (const granularity of GRANULARITIES)
          await appendBreakdowns(
            tx,
            breakdownTable(tables, granularity),
            held.breakdowns(granularity),
          );
        if (memory !== undefined) await replaceRepeatMemory(tx, tables.repeatState, memory);
      },
    };
  }
}
