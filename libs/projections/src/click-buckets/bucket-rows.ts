import { HyperLogLog } from '@app/read-models';
import { BreakdownDelta, BucketDelta } from './bucket-accumulator';

/** A bucket as it is written: its counters and its sketch, serialized once. */
export interface BucketRow {
  readonly adId: string;
  readonly bucketStart: number;
  readonly clicks: number;
  readonly botClicks: number;
  readonly invalidClicks: number;
  readonly pausedClicks: number;
  readonly users: Buffer;
}

/** Serializes each delta's sketch: the pure part of writing buckets, done before the transaction. */
export function bucketRows(deltas: Iterable<BucketDelta>): BucketRow[] {
  const rows: BucketRow[] = [];
  for (const d of deltas)
    rows.push({
      adId: d.adId,
      bucketStart: d.bucketStart,
      clicks: d.clicks,
      botClicks: d.botClicks,
      invalidClicks: d.invalidClicks,
      pausedClicks: d.pausedClicks,
      users: d.users.toBytes(),
    });
  return rows;
}

/**
 * Bucket rows as two statement parameters: the counters in one JSON document ($1) and every
 * sketch back to back in one bytea ($2), which node-postgres sends in binary. Each row names
 * its sketch by offset and length. Hex inside the JSON doubled every sketch's size and had
 * both sides encode and parse it (a dense sketch is 4 KiB: 8 KiB of JSON string).
 */
export interface BucketParams {
  readonly json: string;
  readonly sketches: Buffer;
}

export const BUCKET_RECORDSET = `jsonb_to_recordset($1::jsonb)
  AS r(i int, a uuid, t float8, c bigint, b bigint, v bigint, p bigint, o int, l int, n int)`;

/** The sketch of recordset row `r`, cut from the bytea parameter. */
export const BUCKET_SKETCH = `substring($2::bytea FROM r.o + 1 FOR r.l)`;

export function bucketParams(rows: readonly BucketRow[]): BucketParams {
  let offset = 0;
  const json = JSON.stringify(
    rows.map((d, i) => {
      const row = {
        i,
        a: d.adId,
        t: d.bucketStart,
        c: d.clicks,
        b: d.botClicks,
        v: d.invalidClicks,
        p: d.pausedClicks,
        o: offset,
        l: d.users.length,
        n: HyperLogLog.estimateBytes(d.users),
      };
      offset += d.users.length;
      return row;
    }),
  );
  return {
    json,
    sketches: Buffer.concat(
      rows.map((d) => d.users),
      offset,
    ),
  };
}

/** Breakdown deltas as one JSON document, for `jsonb_to_recordset`. */
export function breakdownRowsJson(rows: Iterable<BreakdownDelta>): string {
  return JSON.stringify(
    [...rows].map((r) => ({
      a: r.adId,
      t: r.bucketStart,
      d: r.dimension,
      v: r.value,
      c: r.clicks,
      b: r.botClicks,
      i: r.invalidClicks,
    })),
  );
}
