import { Pool } from 'pg';

const BUCKET_COLUMNS = 'ad_id, bucket_start, clicks, bot_clicks, invalid_clicks, paused_clicks';
const BREAKDOWN_COLUMNS =
  'ad_id, bucket_start, dimension, value, clicks, bot_clicks, invalid_clicks';

/** Each product table beside Y1's copy of it, and the columns both hold. */
const Y1_TWINS: readonly [string, string, string][] = [
  ['click_minute', 'bench_y1_minute', BUCKET_COLUMNS],
  ['click_hour', 'bench_y1_hour', BUCKET_COLUMNS],
  ['click_day', 'bench_y1_day', BUCKET_COLUMNS],
  ['click_hour_shifted', 'bench_y1_hour_shifted', BUCKET_COLUMNS],
  ['click_breakdown_minute', 'bench_y1_breakdown_minute', BREAKDOWN_COLUMNS],
  ['click_breakdown_hour', 'bench_y1_breakdown_hour', BREAKDOWN_COLUMNS],
  ['click_breakdown_day', 'bench_y1_breakdown_day', BREAKDOWN_COLUMNS],
  ['click_repeat_state', 'bench_y1_repeat_state', 'ad_id, user_hash, recent, last_clicked'],
];

/**
 * Fails the run unless Y1 wrote exactly the product's rows (all but the sketches): a ratio to
 * a yardstick that writes less would flatter the yardstick, one that writes more the product.
 */
export async function assertY1WroteTheProductsRows(pool: Pool): Promise<void> {
  const differing: string[] = [];
  for (const [product, y1, columns] of Y1_TWINS) {
    const { rows } = await pool.query<{ n: string; rows: string }>(
      `SELECT (SELECT count(*) FROM ((SELECT ${columns} FROM ${product} EXCEPT ALL SELECT ${columns} FROM ${y1})
                UNION ALL (SELECT ${columns} FROM ${y1} EXCEPT ALL SELECT ${columns} FROM ${product})) d)::text AS n,
              (SELECT count(*) FROM ${product})::text AS rows`,
    );
    if (rows[0].n !== '0')
      differing.push(`${product} (${rows[0].n} of ${rows[0].rows} rows differ)`);
  }
  if (differing.length > 0)
    throw new Error(`Y1 did not write the product's rows: ${differing.join(', ')}`);
}
