// Shared by scripts/measure-click-row.mjs and scripts/measure-click-row-durable.mjs (by hand,
// not part of the bench; issue 16, follow-up 3): the ClickRecorded data shapes they compare,
// and the CPU of a PostgreSQL cluster read from /proc.
import { randomUUID, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';

const TICK_US = 1e6 / 100; // USER_HZ

/** CPU time (µs) of the postmaster of `pgdir` and all its children: what rows cost PostgreSQL. */
export function pgCpuUs(pgdir) {
  const pm = Number(readFileSync(`${pgdir}/postmaster.pid`, 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let st;
    try {
      st = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    if (Number(d) === pm || Number(f[1]) === pm) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_US;
}

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const AD = randomUUID();
const ADV = randomUUID();

/** A new impression id, as the minting API makes them. */
export const imp = () => randomBytes(16).toString('base64url');

/** The v2 data as the tracker writes it (bench tokens: no country, placement or referrer). */
export const v2 = (impressionId) => ({
  version: 2,
  impressionId,
  adId: AD,
  advertiserId: ADV,
  clickedAt: new Date().toISOString(),
  userKey: `a:${randomBytes(16).toString('base64url')}`,
  country: null,
  placement: null,
  adPaused: false,
  userAgent: UA,
  referrerHost: null,
  declaredPurpose: null,
  addressClass: 'unchecked',
  msSinceMint: 1234,
});

/** A would-be version 3: the same readable keys, nulls omitted, the impression id left to the stream id. */
export const lean = (impressionId) => {
  const { impressionId: _, ...d } = v2(impressionId);
  for (const k of Object.keys(d)) if (d[k] === null) delete d[k];
  return { ...d, version: 3 };
};

/** Short keys on top of lean. */
export const short = (impressionId) => {
  const d = lean(impressionId);
  return {
    v: 3,
    ad: d.adId,
    adv: d.advertiserId,
    at: d.clickedAt,
    uk: d.userKey,
    p: d.adPaused,
    ua: d.userAgent,
    ac: d.addressClass,
    mm: d.msSinceMint,
  };
};

/** Yardstick (c)'s small row: its table, its batch INSERT and one row. */
export const smallRow = {
  ddl: (t) => [
    `DROP TABLE IF EXISTS ${t}`,
    `CREATE TABLE ${t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, click uuid NOT NULL, clicked_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  ],
  sql: (t) =>
    `INSERT INTO ${t} (click) SELECT click FROM jsonb_to_recordset($1::jsonb) AS b(click uuid)`,
  row: () => ({ click: randomUUID() }),
};
