import { Pool, PoolClient } from 'pg';
import { ReadModelTable } from '../framework/read-model-table';
import { shadowName } from './shadow-tables';

/** Per ad: clicks the rebuild judged invalid that live counted valid, and back. */
export interface AdClicksMoved {
  readonly adId: string;
  readonly toInvalid: number;
  readonly toValid: number;
}

export type Movement = Map<string, { toInvalid: number; toValid: number }>;

/**
 * How many clicks a rebuild moved between valid and invalid, per ad, from the finest buckets
 * (the table's `judged` columns): in each bucket, a fall in valid clicks matched by a rise in
 * invalid ones moved that many to invalid, and the other way round. Exact unless, in one
 * bucket of one ad, some clicks moved each way (a minute, for click-buckets); a bucket only one
 * side has (clicks that were never projected, or lost) moved nothing. With `keys`, only those
 * rows, to re-count what the last events touched, as the reconciliation does.
 */
export async function movement(
  db: Pool | PoolClient,
  table: ReadModelTable,
  keys?: readonly (readonly unknown[])[],
): Promise<Movement> {
  const judged = table.judged!;
  const shadow = shadowName(table.name);
  const on = (alias: string, other: string) =>
    table.key.map((k) => `${alias}.${k} = ${other}.${k}`).join(' AND ');
  const source = keys
    ? `unnest(${table.key.map((_, i) => `$${i + 1}::${table.keyTypes[i]}[]`).join(', ')})
         AS k(${table.key.join(', ')})
       JOIN ${table.name} l ON ${on('l', 'k')}
       JOIN ${shadow} s ON ${on('s', 'k')}`
    : `${table.name} l JOIN ${shadow} s ON ${on('l', 's')}`;
  const { valid, invalid, ad } = judged;
  const { rows } = await db.query<{ ad: string; to_invalid: string; to_valid: string }>(
    `SELECT l.${ad} AS ad,
            sum(greatest(0, least(s.${invalid} - l.${invalid}, l.${valid} - s.${valid}))) AS to_invalid,
            sum(greatest(0, least(l.${invalid} - s.${invalid}, s.${valid} - l.${valid}))) AS to_valid
       FROM ${source}
      WHERE l.${invalid} <> s.${invalid}
      GROUP BY 1`,
    keys ? table.key.map((_, i) => keys.map((key) => key[i])) : [],
  );
  return new Map(
    rows.map((r) => [r.ad, { toInvalid: Number(r.to_invalid), toValid: Number(r.to_valid) }]),
  );
}

/** before - touchedBefore + touchedNow, per ad (see `combine` in reconcile.ts). */
export function combineMovement(
  before: Movement,
  touchedBefore: Movement,
  touchedNow: Movement,
): AdClicksMoved[] {
  const total = new Map<string, { toInvalid: number; toValid: number }>();
  const add = (m: Movement, sign: number) => {
    for (const [adId, { toInvalid, toValid }] of m) {
      const t = total.get(adId) ?? { toInvalid: 0, toValid: 0 };
      t.toInvalid += sign * toInvalid;
      t.toValid += sign * toValid;
      total.set(adId, t);
    }
  };
  add(before, 1);
  add(touchedBefore, -1);
  add(touchedNow, 1);
  return [...total]
    .filter(([, t]) => t.toInvalid !== 0 || t.toValid !== 0)
    .map(([adId, t]) => ({ adId, ...t }))
    .sort((a, b) => (a.adId < b.adId ? -1 : 1));
}
