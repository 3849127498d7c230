import { BucketTables, HyperLogLog } from '@app/read-models';
import { PoolClient } from 'pg';
import { copyInto } from './bucket-bulk-load';

/** Rows fetched per round trip while merging: bounds memory, whatever the table size. */
const MERGE_FETCH = 10_000;

/**
 * Past this share of a table's rows in keys that straddle, the table is rewritten whole
 * rather than those keys deleted and inserted again: deleting in place cost ten times as long
 * as the rewrite when nearly every key straddled (measured on the worst shape: 50 s against
 * 5 s), while a log in time order straddles only at the buckets in progress at each flush.
 */
const REWRITE_SHARE = 0.25;

/** A bulk-loaded table's key and counters, and whether it has a sketch (`users`). */
interface Layout {
  readonly key: readonly string[];
  readonly counters: readonly string[];
  readonly sketch: boolean;
}

const BUCKET: Layout = {
  key: ['ad_id', 'bucket_start'],
  counters: ['clicks', 'bot_clicks', 'invalid_clicks', 'paused_clicks'],
  sketch: true,
};

const BREAKDOWN: Layout = {
  key: ['ad_id', 'bucket_start', 'dimension', 'value'],
  counters: ['clicks', 'bot_clicks', 'invalid_clicks'],
  sketch: false,
};

/**
 * Leaves one row per key in each bulk-loaded table, set-based. The keys with more than one row
 * (they straddled two flushes) are found first, from the keys alone; a table without any is
 * left as it is. When they are few, only their rows are added up, deleted and inserted back
 * as one; otherwise one GROUP BY adds up every key into a temporary table, and the table is
 * replaced by that result in one TRUNCATE and one INSERT (see REWRITE_SHARE). Grouping every
 * table whole, sketches and all, whatever it held, took most of a realistic rebuild's
 * consolidation. Sketches are merged here, not in SQL (PostgreSQL has no HLL type without an
 * extension), and only for the keys that straddle: their stored sketches come back grouped
 * through a cursor. Runs in the caller's transaction, so a crash never leaves a table half
 * consolidated.
 */
export async function consolidateBuckets(tx: PoolClient, tables: BucketTables): Promise<void> {
  for (const table of [tables.minute, tables.hour, tables.day, tables.shiftedHour])
    await consolidate(tx, table, BUCKET);
  for (const table of [tables.breakdownMinute, tables.breakdownHour, tables.breakdownDay])
    await consolidate(tx, table, BREAKDOWN);
}

async function consolidate(tx: PoolClient, table: string, layout: Layout): Promise<void> {
  const key = layout.key.join(', ');
  await tx.query('DROP TABLE IF EXISTS pg_temp.straddling, pg_temp.consolidated');
  const straddling = await tx.query(
    `CREATE TEMP TABLE straddling ON COMMIT DROP AS
       SELECT ${key} FROM ${table} GROUP BY ${key} HAVING count(*) > 1`,
  );
  const keys = straddling.rowCount ?? 0;
  if (keys === 0) return;
  const { rows } = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  const inPlace = keys <= Number(rows[0].n) * REWRITE_SHARE;
  const sums = layout.counters.map((c) => `sum(${c}) AS ${c}`).join(', ');
  // A key of one row keeps its sketch; the parts of a straddling one are merged below.
  const sketch = layout.sketch
    ? `, CASE WHEN count(*) = 1 THEN (array_agg(users))[1] END AS users,
         CASE WHEN count(*) = 1 THEN max(unique_users) END AS unique_users,
         CASE WHEN count(*) > 1 THEN array_agg(users) END AS parts`
    : '';
  await tx.query(
    `CREATE TEMP TABLE consolidated ON COMMIT DROP AS
       SELECT ${key}, ${sums}${sketch}
         FROM ${inPlace ? `${table} JOIN straddling USING (${key})` : table}
        GROUP BY ${key}`,
  );
  if (layout.sketch) await mergeSketches(tx);
  if (inPlace)
    await tx.query(
      `DELETE FROM ${table} t USING straddling s
        WHERE ${layout.key.map((k) => `t.${k} = s.${k}`).join(' AND ')}`,
    );
  else await tx.query(`TRUNCATE ${table}`);
  const columns = [...layout.key, ...layout.counters];
  await tx.query(
    layout.sketch
      ? `INSERT INTO ${table} (${columns.join(', ')}, users, unique_users)
         SELECT ${columns.map((c) => `c.${c}`).join(', ')},
                coalesce(c.users, m.users), coalesce(c.unique_users, m.unique_users)
           FROM consolidated c
           LEFT JOIN merged_sketches m ON m.ad_id = c.ad_id AND m.bucket_start = c.bucket_start`
      : `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM consolidated`,
  );
}

/** One sketch per straddling bucket of `consolidated`, merged from its parts, into `merged_sketches`. */
async function mergeSketches(tx: PoolClient): Promise<void> {
  await tx.query('DROP TABLE IF EXISTS pg_temp.merged_sketches');
  await tx.query(
    'CREATE TEMP TABLE merged_sketches (ad_id uuid, bucket_start timestamptz, users bytea, unique_users int) ON COMMIT DROP',
  );
  await tx.query(
    'DECLARE straddling_parts CURSOR FOR SELECT ad_id, bucket_start, parts FROM consolidated WHERE parts IS NOT NULL',
  );
  for (;;) {
    const { rows } = await tx.query<{ ad_id: string; bucket_start: Date; parts: Buffer[] }>(
      `FETCH ${MERGE_FETCH} FROM straddling_parts`,
    );
    if (rows.length === 0) break;
    const lines = rows.map((row) => {
      const users = HyperLogLog.fromBytes(row.parts[0]);
      for (let i = 1; i < row.parts.length; i++) users.mergeBytes(row.parts[i]);
      const bytes = users.toBytes();
      return `${row.ad_id}\t${row.bucket_start.toISOString()}\t\\\\x${bytes.toString('hex')}\t${HyperLogLog.estimateBytes(bytes)}\n`;
    });
    await copyInto(tx, 'merged_sketches', lines);
  }
  await tx.query('CLOSE straddling_parts');
}
