import { randomUUID } from 'node:crypto';

/**
 * One column of the row yardstick (c) or (c′) writes per click, as the bench hands it over in
 * DURABLE_CLICK_ROW: its SQL type, and either a value copied into every row or `fresh`, a new
 * value per request (`uuid`: a random UUID; `stream`: `value` up to its first '-', then a UUID).
 */
export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
  readonly value: unknown;
  readonly fresh?: 'uuid' | 'stream';
}

export interface RowSpec {
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The one statement a batch is written with: the rows as one JSON document, unpacked by
 * jsonb_to_recordset, so a batch of any size is one parameter and one round trip.
 */
export function insertSql(spec: RowSpec): string {
  const names = spec.columns.map((c) => ident(c.name)).join(', ');
  const record = spec.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  return `INSERT INTO ${ident(spec.table)} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS b(${record})`;
}

/** A new row for one request: the copied values, and fresh ones where the spec asks. */
export function rowMaker(spec: RowSpec): () => Record<string, unknown> {
  return () => {
    const row: Record<string, unknown> = {};
    for (const c of spec.columns) {
      if (c.fresh === 'uuid') row[c.name] = randomUUID();
      else if (c.fresh === 'stream') {
        const text = String(c.value);
        row[c.name] = `${text.slice(0, text.indexOf('-') + 1)}${randomUUID()}`;
      } else row[c.name] = c.value;
    }
    return row;
  };
}
