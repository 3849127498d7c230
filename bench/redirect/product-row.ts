import { Pool } from 'pg';
import { ColumnSpec, RowSpec } from '../yardsticks/durable-click/row-spec';

export const SMALL_ROW_TABLE = 'yardstick_clicks';
export const PRODUCT_ROW_TABLE = 'yardstick_events';
export const VERSION_1_ROW_TABLE = 'yardstick_events_v1';

/** Yardstick (c)'s table and row: an identity key, a UUID per click, the time it was written. */
export async function createSmallRowTable(pool: Pool): Promise<RowSpec> {
  await pool.query(`CREATE TABLE ${SMALL_ROW_TABLE} (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    click      uuid NOT NULL,
    clicked_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  return {
    table: SMALL_ROW_TABLE,
    columns: [{ name: 'click', type: 'uuid', value: null, fresh: 'uuid' }],
  };
}

interface Column {
  name: string;
  type: string;
  defaulted: boolean;
  is_unique: boolean;
}

/**
 * Yardstick (c′)'s table and row, read from the product as it is in this run rather than
 * assumed: a copy of `events` with every index and constraint it has now (LIKE … INCLUDING
 * ALL), and one ClickRecorded row the tracker has just written, column for column. Columns
 * the database fills (defaults, identity, generated) are left to it, as the product leaves
 * them; UUID columns and text columns under a unique index (the event and stream ids) get a
 * new value per request, as each click has its own; every other value is the captured one.
 */
export async function captureProductRow(
  pool: Pool,
  table = PRODUCT_ROW_TABLE,
  reshape: (data: Record<string, unknown>) => Record<string, unknown> = (data) => data,
): Promise<RowSpec> {
  const { rows: captured } = await pool.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(e) AS row FROM events e WHERE to_jsonb(e)::text LIKE '%ClickRecorded%' LIMIT 1`,
  );
  if (captured.length === 0)
    throw new Error('the tracker wrote no ClickRecorded event to copy for yardstick (c′)');
  const { rows: columns } = await pool.query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS defaulted,
            EXISTS (SELECT 1 FROM pg_index i
                    WHERE i.indrelid = a.attrelid AND i.indisunique AND a.attnum = ANY (i.indkey)) AS is_unique
     FROM pg_attribute a
     WHERE a.attrelid = 'events'::regclass AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
  );
  await pool.query(`CREATE TABLE ${table} (LIKE events INCLUDING ALL)`);
  const row: Record<string, unknown> = {
    ...captured[0].row,
    data: reshape(captured[0].row.data as Record<string, unknown>),
  };
  const spec: ColumnSpec[] = columns
    .filter((c) => !c.defaulted)
    .map((c) => ({
      name: c.name,
      type: c.type,
      value: row[c.name],
      fresh: c.type === 'uuid' ? 'uuid' : c.is_unique && c.type === 'text' ? 'stream' : undefined,
    }));
  return { table, columns: spec };
}

/**
 * The captured click as version 1 of ClickRecorded stored it: the tracker's bot verdict and
 * device instead of the request's facts. Yardstick (c″) writes it beside (c′), so the report
 * shows what the version 2 facts cost the durable write, in the same run.
 */
export function asVersion1(data: Record<string, unknown>): Record<string, unknown> {
  const { userAgent, referrerHost, declaredPurpose, addressClass, msSinceMint, ...common } = data;
  void [userAgent, referrerHost, declaredPurpose, addressClass, msSinceMint];
  return { ...common, version: 1, device: 'desktop', bot: false };
}

/** Rows in one of the bench's tables, or in the product's log. */
export async function countRows(pool: Pool, table: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

/**
 * Rows in `table` once the previous case's last requests have committed: wrk stops counting at
 * its deadline, but the requests it had in flight still commit after it, and without this wait
 * they would land in the next case's count (a `HEAD` case once showed 15 rows a second).
 */
export async function settledCount(pool: Pool, table: string): Promise<number> {
  let last = await countRows(pool, table);
  for (let tries = 0; tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await countRows(pool, table);
    if (now === last) return now;
    last = now;
  }
  throw new Error(`rows in ${table} still growing 10 s after the previous case ended`);
}
