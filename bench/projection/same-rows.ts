import { Pool } from 'pg';

const BUCKET_COLUMNS = 'ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks';
const BREAKDOWN_COLUMNS =
  'ad_id, bucket_start, dimension, value, clicks, bot_clicks, invalid_clicks';

/** Each product table, the suffix of a yardstick's copy of it, and the columns both hold. */
const TWINS: readonly [string, string, string][] = [
  ['click_minute', 'minute', BUCKET_COLUMNS],
  ['click_hour', 'hour', BUCKET_COLUMNS],
  ['click_day', 'day', BUCKET_COLUMNS],
  ['click_hour_shifted', 'hour_shifted', BUCKET_COLUMNS],
  ['click_breakdown_minute', 'breakdown_minute', BREAKDOWN_COLUMNS],
  ['click_breakdown_hour', 'breakdown_hour', BREAKDOWN_COLUMNS],
  ['click_breakdown_day', 'breakdown_day', BREAKDOWN_COLUMNS],
  ['click_repeat_state', 'repeat_state', 'ad_id, user_hash, recent, last_clicked'],
];

/** The yardsticks that write the product's rows, by the prefix of their tables. */
export type RowWritingYardstick = 'bench_y1' | 'bench_y3';

/**
 * Fails the run unless the yardstick whose tables start with `prefix` wrote exactly the
 * product's rows (all but the sketches): a ratio to a yardstick that writes less would flatter
 * the yardstick, one that writes more the product.
 */
export async function assertSameRowsAsProduct(
  pool: Pool,
  prefix: RowWritingYardstick,
): Promise<void> {
  const differing: string[] = [];
  for (const [product, suffix, columns] of TWINS) {
    const twin = `${prefix}_${suffix}`;
    const { rows } = await pool.query<{ n: string; rows: string }>(
      `SELECT (SELECT count(*) FROM ((SELECT ${columns} FROM ${product} EXCEPT ALL SELECT ${columns} FROM ${twin})
                UNION ALL (SELECT ${columns} FROM ${twin} EXCEPT ALL SELECT ${columns} FROM ${product})) d)::text AS n,
              (SELECT count(*) FROM ${product})::text AS rows`,
    );
    if (rows[0].n !== '0')
      differing.push(`${product} (${rows[0].n} of ${rows[0].rows} rows differ)`);
  }
  if (differing.length > 0)
    throw new Error(`${prefix} did not write the product's rows: ${differing.join(', ')}`);
}

/**
 * How many clicks the product judged repeats: a comparison on a log where the repeat rule never
 * fires says nothing about the yardsticks' repeat rule, so the bench prints it beside the check.
 */
export async function repeatClicks(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT coalesce(sum(invalid_clicks), 0)::text AS n FROM click_breakdown_day
     WHERE dimension = 'invalid_reason' AND value = 'repeat'`,
  );
  return Number(rows[0].n);
}
