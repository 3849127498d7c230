// By hand, not part of the bench: the durable rate of ClickRecorded row variants (issue 16,
// follow-up 3). For each variant a table of its own; WRITERS loops each await their row's
// commit through a group commit like yardstick (c)'s (batch closed on setImmediate, 2 in
// flight, one INSERT … FROM jsonb_to_recordset, synchronous_commit on). Per variant: rows/s,
// executor µs (pg_stat_statements), CPU of every PostgreSQL process and of this client, WAL
// bytes and stored bytes per row. Cluster setup: see scripts/measure-click-row.mjs; then
//   URL=… PGDIR=… [ONLY=current-v2,lean-v3] [DUR=5] [ROUNDS=5] [WRITERS=50] \
//     node scripts/measure-click-row-durable.mjs
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { imp, lean, pgCpuUs, short, smallRow, v2 } from './click-row-shapes.mjs';
const PGDIR = process.env.PGDIR ?? '/tmp/row-pg/data';
const nodeCpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const URL = process.env.URL ?? 'postgres://postgres@127.0.0.1:46123/postgres';
const SECONDS = Number(process.env.DUR ?? 6);
const WRITERS = Number(process.env.WRITERS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ONLY = process.env.ONLY?.split(',');

const EVENTS_DDL = (t, { dataType = 'jsonb', streamType = 'text', commitIdx = true } = {}) => [
  `DROP TABLE IF EXISTS ${t}`,
  `CREATE TABLE ${t} (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_id ${streamType} NOT NULL, stream_revision bigint NOT NULL, event_id uuid NOT NULL,
    event_type text NOT NULL, data ${dataType} NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT ${t}_sr UNIQUE (stream_id, stream_revision))`,
  ...(commitIdx ? [`CREATE INDEX ${t}_co ON ${t} (transaction_id, global_position)`] : []),
  `CREATE INDEX ${t}_rare ON ${t} (event_type, transaction_id, global_position) WHERE event_type <> 'ClickRecorded'`,
];
const eventsInsert = (t, { dataType = 'jsonb', streamType = 'text' } = {}) => `
  INSERT INTO ${t} (stream_id, stream_revision, event_id, event_type, data, metadata)
  SELECT b.s, 0, b.e, b.t, b.d, b.m FROM jsonb_to_recordset($1::jsonb)
    AS b(s ${streamType}, e uuid, t text, d ${dataType}, m jsonb)
  ON CONFLICT DO NOTHING RETURNING stream_id, transaction_id::text AS tx_id, global_position`;
const ev =
  (data, meta = true, stream) =>
  (i) => ({
    s: stream ? stream(i) : `click-${i}`,
    e: randomUUID(),
    t: 'ClickRecorded',
    d: data(i),
    m: meta ? { correlationId: randomUUID() } : {},
  });

const VARIANTS = {
  'c-small': smallRow,
  'current-v2': { ddl: EVENTS_DDL, sql: eventsInsert, row: ev(v2) },
  'lean-v3': { ddl: EVENTS_DDL, sql: eventsInsert, row: ev(lean) },
  'short-keys': { ddl: EVENTS_DDL, sql: eventsInsert, row: ev(short) },
  'no-metadata': { ddl: EVENTS_DDL, sql: eventsInsert, row: ev(v2, false) },
  'lean-no-meta': { ddl: EVENTS_DDL, sql: eventsInsert, row: ev(lean, false) },
  'stream-uuid': {
    ddl: (t) => EVENTS_DDL(t, { streamType: 'uuid' }),
    sql: (t) => eventsInsert(t, { streamType: 'uuid' }),
    row: ev(v2, true, () => randomUUID()),
  },
  'no-commit-idx': {
    ddl: (t) => EVENTS_DDL(t, { commitIdx: false }),
    sql: eventsInsert,
    row: ev(v2),
  },
  'data-json': {
    ddl: (t) => EVENTS_DDL(t, { dataType: 'json' }),
    sql: (t) => eventsInsert(t, { dataType: 'json' }),
    row: ev(v2),
  },
  'lean-json': {
    ddl: (t) => EVENTS_DDL(t, { dataType: 'json' }),
    sql: (t) => eventsInsert(t, { dataType: 'json' }),
    row: ev(lean),
  },
};

class GroupCommit {
  waiting = [];
  writing = 0;
  scheduled = false;
  batches = 0;
  constructor(pool, sql) {
    this.pool = pool;
    this.sql = sql;
  }
  add(row) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.schedule();
    });
  }
  schedule() {
    if (this.scheduled || this.writing >= 2 || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }
  async flush() {
    if (this.writing >= 2 || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.writing++;
    this.batches++;
    try {
      await this.pool.query(this.sql, [JSON.stringify(batch.map((w) => w.row))]);
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    } finally {
      this.writing--;
      this.schedule();
    }
  }
}

async function runOne(admin, name, round) {
  const v = VARIANTS[name];
  const t = `m_${name.replaceAll('-', '_')}`;
  for (const q of v.ddl(t)) await admin.query(q);
  const pool = new pg.Pool({ connectionString: URL, max: 2 });
  const gc = new GroupCommit(pool, v.sql(t));
  // warm-up 1 s
  let stop = false,
    done = 0;
  const writer = async () => {
    while (!stop) {
      await gc.add(v.row(imp()));
      done++;
    }
  };
  let ws = Array.from({ length: WRITERS }, writer);
  await new Promise((r) => setTimeout(r, 1000));
  stop = true;
  await Promise.all(ws);
  await admin.query('CHECKPOINT');
  await admin.query('SELECT pg_stat_statements_reset()');
  const before = (await admin.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  stop = false;
  done = 0;
  gc.batches = 0;
  const t0 = process.hrtime.bigint();
  const pg0 = pgCpuUs(PGDIR),
    n0 = nodeCpuUs();
  ws = Array.from({ length: WRITERS }, writer);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  await Promise.all(ws);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const pgCpu = (pgCpuUs(PGDIR) - pg0) / done,
    nodeCpu = (nodeCpuUs() - n0) / done;
  const after = (await admin.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  const wal = Number(
    (await admin.query('SELECT pg_wal_lsn_diff($1, $2) AS d', [after, before])).rows[0].d,
  );
  const st = (
    await admin.query(
      `SELECT sum(total_exec_time) AS ms, sum(rows) AS rows FROM pg_stat_statements WHERE query LIKE 'INSERT INTO ${t}%' OR query LIKE '%INSERT INTO ${t} %'`,
    )
  ).rows[0];
  const size = (
    await admin.query(
      `SELECT avg(pg_column_size(t.*))::int AS row, ${name === 'c-small' ? '0' : 'avg(pg_column_size(data))::int'} AS data, pg_total_relation_size('${t}') AS total, count(*) AS n FROM ${t} t`,
    )
  ).rows[0];
  await pool.end();
  const r = {
    name,
    round,
    rowsPerSec: Math.round(done / secs),
    walPerRow: Math.round(wal / done),
    pgUsPerRow: +((Number(st.ms) * 1000) / done).toFixed(1),
    pgCpuUs: +pgCpu.toFixed(1),
    nodeCpuUs: +nodeCpu.toFixed(1),
    batch: Math.round(done / gc.batches),
    rowBytes: size.row,
    dataBytes: size.data,
    relBytesPerRow: Math.round(size.total / size.n),
  };
  console.log(JSON.stringify(r));
  await admin.query(`DROP TABLE ${t}`);
  return r;
}

const admin = new pg.Client({ connectionString: URL });
await admin.connect();
await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const names = ONLY ?? Object.keys(VARIANTS);
const all = [];
for (let round = 0; round < ROUNDS; round++)
  for (const n of round % 2 ? [...names].reverse() : names) all.push(await runOne(admin, n, round));
await admin.end();
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
console.log(
  '\n| variant | rows/s (median) | min–max | PG exec µs/row | PG CPU µs/row | client CPU µs/row | WAL B/row | row B | data B | batch |',
);
for (const n of names) {
  const rs = all.filter((r) => r.name === n);
  console.log(
    `| ${n} | ${med(rs.map((r) => r.rowsPerSec))} | ${Math.min(...rs.map((r) => r.rowsPerSec))}–${Math.max(...rs.map((r) => r.rowsPerSec))} | ${med(rs.map((r) => r.pgUsPerRow))} | ${med(rs.map((r) => r.pgCpuUs))} | ${med(rs.map((r) => r.nodeCpuUs))} | ${med(rs.map((r) => r.walPerRow))} | ${rs[0].rowBytes} | ${rs[0].dataBytes} | ${med(rs.map((r) => r.batch))} |`,
  );
}
