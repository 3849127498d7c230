import { Pool, PoolClient } from 'pg';
import { ReadModelTable } from '../framework/read-model-table';
import { TableReconciliation } from './rebuild-job';
import { shadowName } from './shadow-tables';

/** How many differing rows a report lists per table; the counts are always complete. */
export const MAX_LISTED_DIFFERENCES = 1_000;

type Difference = TableReconciliation['differences'][number];

/** A comparison of live and shadow rows: everything, or only some keys. */
export interface Tally {
  readonly compared: number;
  readonly differing: number;
  readonly liveClicks: number;
  readonly rebuiltClicks: number;
  /** Differing rows (up to the cap), each with its key as PostgreSQL prints the key row. */
  readonly listed: readonly (Difference & { readonly id: string })[];
}

/**
 * Live and rebuilt rows joined on the key: how many there are, which differ (missing on one
 * side, or any compared column not equal) with both values, and the click totals of each side.
 * With `keys`, only those rows: the swap re-compares just what changed since the full pass.
 */
export async function tally(
  db: Pool | PoolClient,
  table: ReadModelTable,
  keys?: readonly (readonly unknown[])[],
): Promise<Tally> {
  const shadow = shadowName(table.name);
  const on = (alias: string, other: string) =>
    table.key.map((k) => `${alias}.${k} = ${other}.${k}`).join(' AND ');
  const differs = [
    `l.${table.key[0]} IS NULL`,
    `s.${table.key[0]} IS NULL`,
    ...[...table.shown, ...table.hidden].map((c) => `l.${c} IS DISTINCT FROM s.${c}`),
  ].join(' OR ');
  const source = keys
    ? `unnest(${table.key.map((_, i) => `$${i + 1}::${table.keyTypes[i]}[]`).join(', ')})
         AS k(${table.key.join(', ')})
       LEFT JOIN ${table.name} l ON ${on('l', 'k')}
       LEFT JOIN ${shadow} s ON ${on('s', 'k')}
       WHERE l.${table.key[0]} IS NOT NULL OR s.${table.key[0]} IS NOT NULL`
    : `${table.name} l FULL JOIN ${shadow} s ON ${on('l', 's')}`;
  const keyRow = `ROW(${table.key.map((k) => `coalesce((j.l).${k}, (j.s).${k})`).join(', ')})`;
  const keyObject = `jsonb_build_object(${table.key.map((k) => `'${k}', coalesce((j.l).${k}, (j.s).${k})`).join(', ')})`;
  const hidden = `ARRAY[${table.hidden.map((c) => `'${c}'`).join(', ')}]::text[]`;
  const clicks = (side: 'l' | 's') => (table.clicks ? `sum((j.${side}).${table.clicks})` : '0');
  const params = keys ? table.key.map((_, i) => keys.map((key) => key[i])) : [];
  // One pass over the join, and JSON only for the rows that differ.
  const { rows } = await db.query<{
    compared: string;
    differing: string;
    live_clicks: string | null;
    rebuilt_clicks: string | null;
    listed: (Difference & { id: string })[] | null;
  }>(
    `WITH j AS MATERIALIZED (SELECT l, s, (${differs}) AS differs FROM ${source})
     SELECT count(*) AS compared,
            count(*) FILTER (WHERE j.differs) AS differing,
            ${clicks('l')} AS live_clicks,
            ${clicks('s')} AS rebuilt_clicks,
            (SELECT jsonb_agg(d ORDER BY d->>'id')
               FROM (SELECT jsonb_build_object('id', ${keyRow}::text, 'key', ${keyObject},
                                               'live', to_jsonb(j.l) - ${hidden},
                                               'rebuilt', to_jsonb(j.s) - ${hidden}) AS d
                       FROM j WHERE j.differs LIMIT ${MAX_LISTED_DIFFERENCES}) AS listed) AS listed
       FROM j`,
    params,
  );
  const row = rows[0];
  return {
    compared: Number(row.compared),
    differing: Number(row.differing),
    liveClicks: Number(row.live_clicks ?? 0),
    rebuiltClicks: Number(row.rebuilt_clicks ?? 0),
    listed: row.listed ?? [],
  };
}

/** The ids (key rows as PostgreSQL prints them) of key tuples, to match listed differences. */
export async function keyIds(
  db: PoolClient,
  table: ReadModelTable,
  keys: readonly (readonly unknown[])[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT ROW(${table.key.join(', ')})::text AS id
       FROM unnest(${table.key.map((_, i) => `$${i + 1}::${table.keyTypes[i]}[]`).join(', ')})
         AS k(${table.key.join(', ')})`,
    table.key.map((_, i) => keys.map((key) => key[i])),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The full comparison at the swap, from a full pass taken earlier (`before`, in a snapshot)
 * and the rows the last events touched: as they were in that snapshot (`touchedBefore`) and
 * as they are now (`touchedNow`). Untouched rows have not changed on either side since.
 */
export function combine(
  table: ReadModelTable,
  before: Tally,
  touchedBefore: Tally,
  touchedNow: Tally,
  touchedIds: ReadonlySet<string>,
): TableReconciliation {
  const differing = before.differing - touchedBefore.differing + touchedNow.differing;
  const listed = [...before.listed.filter((d) => !touchedIds.has(d.id)), ...touchedNow.listed]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_LISTED_DIFFERENCES)
    .map(({ key, live, rebuilt }) => ({ key, live, rebuilt }));
  return {
    table: table.name,
    rowsCompared: before.compared - touchedBefore.compared + touchedNow.compared,
    rowsDiffering: differing,
    ...(table.clicks
      ? {
          liveClicks: before.liveClicks - touchedBefore.liveClicks + touchedNow.liveClicks,
          rebuiltClicks:
            before.rebuiltClicks - touchedBefore.rebuiltClicks + touchedNow.rebuiltClicks,
        }
      : {}),
    differences: listed,
    differencesTruncated: differing > listed.length,
  };
}

/**
 * Rebuilt minus live clicks, each click counted once. A click is in every bucket and breakdown
 * table (seven for click-buckets), so a sum over them said -168 for 7 clicks re-judged: the
 * finest judged table counts each click once; a projection without one sums its tables.
 */
export function clicksDifference(
  reconciled: readonly TableReconciliation[],
  tables: readonly ReadModelTable[],
): number {
  const judged = tables.find((t) => t.judged)?.name;
  return reconciled
    .filter((t) => judged === undefined || t.table === judged)
    .reduce((n, t) => n + ((t.rebuiltClicks ?? 0) - (t.liveClicks ?? 0)), 0);
}
