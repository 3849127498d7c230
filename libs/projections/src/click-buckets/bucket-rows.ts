import { HyperLogLog } from '@app/read-models';
import { BreakdownDelta, BucketDelta } from './bucket-accumulator';

/** One bucket row as it travels: inside a single JSON document per statement. */
interface BucketRow {
  /** Ordinal in the batch, so the database can name rows by number. */
  readonly i: number;
  readonly a: string;
  /** Bucket start, epoch milliseconds. */
  readonly t: number;
  readonly c: number;
  readonly b: number;
  readonly p: number;
  /** Sketch, hex. */
  readonly u: string;
  readonly n: number;
}

export const BUCKET_RECORDSET = `jsonb_to_recordset($1::jsonb)
  AS r(i int, a uuid, t float8, c bigint, b bigint, p bigint, u text, n int)`;

/** Bucket deltas as one JSON document, each with the sketch `sketch` picks for it. */
export function bucketRowsJson(
  deltas: readonly BucketDelta[],
  sketch: (d: BucketDelta, i: number) => HyperLogLog,
): string {
  return JSON.stringify(
    deltas.map((d, i): BucketRow => {
      const users = sketch(d, i);
      return {
        i,
        a: d.adId,
        t: d.bucketStart,
        c: d.clicks,
        b: d.botClicks,
        p: d.pausedClicks,
        u: users.toBytes().toString('hex'),
        n: users.estimate(),
      };
    }),
  );
}

/** Breakdown deltas as one JSON document, for `jsonb_to_recordset`. */
export function breakdownRowsJson(rows: readonly BreakdownDelta[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      a: r.adId,
      t: r.bucketStart,
      d: r.dimension,
      v: r.value,
      c: r.clicks,
      b: r.botClicks,
    })),
  );
}
