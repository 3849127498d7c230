import { Pool, PoolClient } from 'pg';
import { ReadModelTable, TableNames } from '../framework/read-model-table';

/** The shadow copy of a live table during a rebuild (one rebuild per projection at a time). */
export const shadowName: TableNames = (live) => `${live}__rebuild`;

/** Autovacuum's switches, off on a shadow table until the swap (see `holdOffAutovacuum`). */
const AUTOVACUUM_OPTIONS = ['autovacuum_enabled', 'toast.autovacuum_enabled'];

/** A table's storage options (`reloptions`), as `name=value` strings. */
async function storageOptions(db: Pool | PoolClient, table: string): Promise<string[]> {
  const { rows } = await db.query<{ reloptions: string[] | null }>(
    'SELECT reloptions FROM pg_class WHERE oid = $1::regclass',
    [table],
  );
  return rows[0]?.reloptions ?? [];
}

const isAutovacuumOption = (option: string): boolean =>
  AUTOVACUUM_OPTIONS.includes(option.split('=')[0]);

/**
 * Shadow tables start with the live table's columns and storage options. Without `primaryKey`
 * they have no index at all (a bulk replay appends to them; `addShadowPrimaryKeys` follows);
 * the other indexes are built once, after the load, which is faster than keeping them up to
 * date row by row. Autovacuum stays off them until the swap: on an append-only load it would
 * scan rows that consolidation rewrites anyway, on the cores the replay needs, and the
 * statements that key and swap the tables would wait for it to be cancelled.
 */
export async function createShadowTables(
  pool: Pool,
  tables: readonly ReadModelTable[],
  { primaryKey }: { primaryKey: boolean },
): Promise<void> {
  for (const { name } of tables) {
    const shadow = shadowName(name);
    const options = [
      ...(await storageOptions(pool, name)).filter((o) => !isAutovacuumOption(o)),
      ...AUTOVACUUM_OPTIONS.map((o) => `${o} = false`),
    ];
    await pool.query(`DROP TABLE IF EXISTS ${shadow}`);
    await pool.query(
      `CREATE TABLE ${shadow} (LIKE ${name} INCLUDING DEFAULTS INCLUDING STORAGE) WITH (${options.join(', ')})`,
    );
  }
  if (primaryKey) await addShadowPrimaryKeys(pool, tables);
}

/** Gives each shadow table its live table's primary key. */
export async function addShadowPrimaryKeys(
  db: Pool | PoolClient,
  tables: readonly ReadModelTable[],
): Promise<void> {
  for (const { name } of tables) {
    const shadow = shadowName(name);
    const pk = await db.query<{ columns: string }>(
      `SELECT string_agg(a.attname, ', ' ORDER BY k.ord) AS columns
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = $1::regclass AND i.indisprimary`,
      [name],
    );
    await db.query(
      `ALTER TABLE ${shadow} ADD CONSTRAINT ${shadow}_pkey PRIMARY KEY (${pk.rows[0].columns})`,
    );
  }
}

/** Whether the shadow tables have their primary keys yet (a bulk replay has not). */
export async function shadowPrimaryKeysExist(
  pool: Pool,
  tables: readonly ReadModelTable[],
): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relname = ANY($1) AND i.indisprimary`,
    [tables.map((t) => shadowName(t.name))],
  );
  return Number(rows[0].n) === tables.length;
}

export async function shadowTablesExist(
  pool: Pool,
  tables: readonly ReadModelTable[],
): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_class WHERE relname = ANY($1) AND relkind = $2',
    [tables.map((t) => shadowName(t.name)), 'r'],
  );
  return Number(rows[0].n) === tables.length;
}

/** The live tables' secondary indexes, built on the shadow copies (before the swap). */
export async function buildShadowIndexes(
  pool: Pool,
  tables: readonly ReadModelTable[],
): Promise<void> {
  for (const { name } of tables) {
    const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT i.relname AS indexname, pg_get_indexdef(i.oid) AS indexdef
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
      [name],
    );
    for (const { indexname, indexdef } of rows) {
      const shadowIndex = shadowName(indexname);
      const definition = indexdef
        .replace(` INDEX ${indexname} ON `, ` INDEX IF NOT EXISTS ${shadowIndex} ON `)
        .replace(
          / ON (ONLY )?(public\.)?(\w+) /,
          (_m, only: string | undefined, schema: string | undefined) =>
            ` ON ${only ?? ''}${schema ?? ''}${shadowName(name)} `,
        );
      await pool.query(definition);
    }
  }
}

/**
 * Once loaded, keyed and indexed, before the swap: statistics for each shadow table, so that
 * the first queries on a rebuilt table are planned on its real contents (autovacuum, off
 * during the load, would otherwise gather them only some time after the swap).
 */
export async function analyzeShadowTables(
  pool: Pool,
  tables: readonly ReadModelTable[],
): Promise<void> {
  for (const { name } of tables) await pool.query(`ANALYZE ${shadowName(name)}`);
}

/**
 * Inside the swap transaction, before the live projection is paused: holds off autovacuum
 * from the live and shadow tables. An autovacuum running on one would make the swap's DROP
 * or RENAME wait until PostgreSQL cancels it (`shortenLockWaits`); that wait now comes
 * before the pause, and no new autovacuum can start. This lock mode does not conflict with
 * the live projection's writes or with queries, so neither waits for it. Each shadow table
 * gets autovacuum back as its live table has it, from the moment the swap commits: not
 * earlier, when it would vacuum a table this lock then cancels it on.
 */
export async function holdOffAutovacuum(
  tx: PoolClient,
  tables: readonly ReadModelTable[],
): Promise<void> {
  const names = tables.flatMap(({ name }) => [name, shadowName(name)]);
  await tx.query(`LOCK TABLE ${names.join(', ')} IN SHARE UPDATE EXCLUSIVE MODE`);
  for (const { name } of tables) {
    const shadow = shadowName(name);
    const live = (await storageOptions(tx, name)).filter(isAutovacuumOption);
    await tx.query(`ALTER TABLE ${shadow} RESET (${AUTOVACUUM_OPTIONS.join(', ')})`);
    if (live.length) await tx.query(`ALTER TABLE ${shadow} SET (${live.join(', ')})`);
  }
}

/**
 * Inside the swap transaction: the live tables are dropped and the shadow tables take their
 * names (and their indexes the live index names), all or nothing. Queries wait for the moment
 * the renames hold their locks, and then read the rebuilt tables.
 */
export async function swapShadowTables(
  tx: PoolClient,
  tables: readonly ReadModelTable[],
): Promise<void> {
  for (const { name } of tables) {
    const shadow = shadowName(name);
    await tx.query(`DROP TABLE ${name}`);
    await tx.query(`ALTER TABLE ${shadow} RENAME TO ${name}`);
    const { rows } = await tx.query<{ relname: string }>(
      `SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass`,
      [name],
    );
    for (const { relname } of rows)
      if (relname.startsWith(`${shadow}_`) || relname.includes('__rebuild'))
        await tx.query(`ALTER INDEX ${relname} RENAME TO ${relname.replace('__rebuild', '')}`);
  }
}

/**
 * The swap drops the live tables, so it waits for every lock on them. After a catch-up,
 * autovacuum is often busy on exactly those tables, and PostgreSQL cancels an autovacuum that
 * blocks a waiting statement only once that statement has waited `deadlock_timeout` (1 s by
 * default): the bench saw swap pauses of just over 1 s. Inside the swap's transaction the wait
 * before that check is cut to 20 ms. Setting it needs a superuser or (PostgreSQL 15+)
 * `GRANT SET ON PARAMETER deadlock_timeout`; without either the swap runs with the default.
 */
export async function shortenLockWaits(tx: PoolClient): Promise<void> {
  await tx.query('SAVEPOINT shorten_lock_waits');
  try {
    await tx.query(`SET LOCAL deadlock_timeout = '20ms'`);
    await tx.query('RELEASE SAVEPOINT shorten_lock_waits');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT shorten_lock_waits');
  }
}
