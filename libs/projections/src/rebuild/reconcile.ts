import { PoolClient } from 'pg';
import { TableReconciliation } from './rebuild-job';
import { ComparedTable } from './rebuild-targets';
import { shadowName } from './shadow-tables';

/** How many differing rows a report lists per table; the counts are always complete. */
export const MAX_LISTED_DIFFERENCES = 1_000;

/**
 * Live and rebuilt tables, row by row (a full outer join on the key): how many rows were
 * compared, which differ (missing on one side, or any compared column not equal), with both
 * values, and the click totals of each side. Runs inside the swap transaction, so both sides
 * stand at the same position of the log.
 */
export async function reconcile(
  tx: PoolClient,
  table: ComparedTable,
): Promise<TableReconciliation> {
  const shadow = shadowName(table.name);
  const join = table.key.map((k) => `l.${k} = s.${k}`).join(' AND ');
  const missing = `l.${table.key[0]} IS NULL OR s.${table.key[0]} IS NULL`;
  const differs = [
    missing,
    ...[...table.shown, ...table.hidden].map((c) => `l.${c} IS DISTINCT FROM s.${c}`),
  ].join(' OR ');
  const summary = await tx.query<{
    compared: string;
    differing: string;
    live_clicks: string | null;
    rebuilt_clicks: string | null;
  }>(
    `SELECT count(*) AS compared, count(*) FILTER (WHERE ${differs}) AS differing,
            ${table.clicks ? `sum(l.${table.clicks})` : 'NULL'} AS live_clicks,
            ${table.clicks ? `sum(s.${table.clicks})` : 'NULL'} AS rebuilt_clicks
       FROM ${table.name} l FULL JOIN ${shadow} s ON ${join}`,
  );
  const object = (alias: string, columns: readonly string[]) =>
    `CASE WHEN ${alias}.${table.key[0]} IS NULL THEN NULL ELSE jsonb_build_object(${columns
      .map((c) => `'${c}', ${alias}.${c}`)
      .join(', ')}) END`;
  const keyObject = `jsonb_build_object(${table.key
    .map((k) => `'${k}', coalesce(l.${k}, s.${k})`)
    .join(', ')})`;
  const listed = await tx.query<{
    key: Record<string, unknown>;
    live: Record<string, unknown> | null;
    rebuilt: Record<string, unknown> | null;
  }>(
    `SELECT ${keyObject} AS key, ${object('l', table.shown)} AS live, ${object('s', table.shown)} AS rebuilt
       FROM ${table.name} l FULL JOIN ${shadow} s ON ${join}
      WHERE ${differs}
      ORDER BY ${table.key.map((k) => `coalesce(l.${k}, s.${k})`).join(', ')}
      LIMIT ${MAX_LISTED_DIFFERENCES}`,
  );
  const row = summary.rows[0];
  const differing = Number(row.differing);
  return {
    table: table.name,
    bucketsCompared: Number(row.compared),
    bucketsDiffering: differing,
    ...(table.clicks
      ? { liveClicks: Number(row.live_clicks ?? 0), rebuiltClicks: Number(row.rebuilt_clicks ?? 0) }
      : {}),
    differences: listed.rows,
    differencesTruncated: differing > listed.rows.length,
  };
}
