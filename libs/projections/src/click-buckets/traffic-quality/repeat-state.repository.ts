import { Pool, PoolClient } from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { JudgedClick } from './judged-click';
import { RepeatMemory, userHashText } from './repeat-memory';
import { QualityRules } from './quality-rules';

/**
 * The repeat rule's memory in PostgreSQL (click_repeat_state), written in the batch's
 * transaction with the buckets and the checkpoint: after a crash the memory is exactly the
 * one of the last committed batch, so no click is judged twice or against a lost one.
 */

/** The memory for the pairs of `clicks`, and the newest click time stored. */
export async function loadRepeatMemory(
  tx: PoolClient,
  table: string,
  clicks: readonly JudgedClick[],
  rules: QualityRules,
): Promise<RepeatMemory> {
  const newest = await tx.query<{ newest: string | null }>(
    `SELECT max(last_clicked) AS newest FROM ${table}`,
  );
  const memory = new RepeatMemory(
    rules,
    newest.rows[0].newest === null ? -Infinity : Number(newest.rows[0].newest),
  );
  const ads: string[] = [];
  const users: string[] = [];
  for (const click of clicks) {
    ads.push(click.facts.adId);
    users.push(userHashText(click.userHash));
  }
  const { rows } = await tx.query<{ ad_id: string; user_hash: string; recent: number[] }>(
    `SELECT t.ad_id, t.user_hash::text AS user_hash, t.recent::float8[] AS recent
       FROM (SELECT DISTINCT a, u FROM unnest($1::uuid[], $2::bigint[]) AS k(a, u)) AS k
       JOIN ${table} t ON t.ad_id = k.a AND t.user_hash = k.u`,
    [ads, users],
  );
  for (const row of rows)
    memory.remember({ adId: row.ad_id, user: row.user_hash, times: row.recent });
  return memory;
}

/** Writes the pairs this batch changed, and deletes every pair behind the horizon. */
export async function saveRepeatMemory(
  tx: PoolClient,
  table: string,
  memory: RepeatMemory,
): Promise<void> {
  const changed = memory.takeChanged();
  if (changed.length === 0) return;
  // One array per column for unnest, each pair's times as an array literal: cheaper for
  // PostgreSQL to read than a JSON document with an array in every row.
  const ads: string[] = [];
  const users: string[] = [];
  const recent: string[] = [];
  const last: number[] = [];
  for (const e of changed) {
    const times = e.times.map((t) => Math.round(t));
    ads.push(e.adId);
    users.push(e.user);
    recent.push(`{${times.join(',')}}`);
    last.push(times[times.length - 1]);
  }
  await tx.query(
    `INSERT INTO ${table} AS t (ad_id, user_hash, recent, last_clicked)
     SELECT a, u, r::bigint[], l
       FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::bigint[]) AS x(a, u, r, l)
     ON CONFLICT (ad_id, user_hash) DO UPDATE SET
       recent = EXCLUDED.recent, last_clicked = EXCLUDED.last_clicked`,
    [ads, users, recent, last],
  );
  await tx.query(`DELETE FROM ${table} WHERE last_clicked < $1`, [Math.floor(memory.horizon())]);
}

/** A rebuild's bulk replay: the whole memory it holds, loaded when it resumes. */
export async function loadAllRepeatMemory(
  db: Pool,
  table: string,
  rules: QualityRules,
): Promise<RepeatMemory> {
  const { rows } = await db.query<{ ad_id: string; user_hash: string; recent: number[] }>(
    `SELECT ad_id, user_hash::text AS user_hash, recent::float8[] AS recent FROM ${table}`,
  );
  let newest = -Infinity;
  for (const row of rows) newest = Math.max(newest, ...row.recent);
  const memory = new RepeatMemory(rules, newest);
  for (const row of rows)
    memory.remember({ adId: row.ad_id, user: row.user_hash, times: row.recent });
  return memory;
}

/**
 * What a rebuild's bulk replay writes of its memory at a flush, as COPY text: every pair
 * within the horizon (pairs behind it are forgotten here). Taken before the flush is written,
 * so the memory can go on judging the next clicks meanwhile while the flush stores it as it
 * stood at the flush's checkpoint.
 */
export function repeatMemorySnapshot(memory: RepeatMemory): string {
  memory.takeChanged();
  let text = '';
  for (const e of memory.prune())
    text += `${e.adId}\t${e.user}\t{${e.times.map((t) => Math.round(t)).join(',')}}\t${Math.round(e.times[e.times.length - 1])}\n`;
  return text;
}

/**
 * A rebuild's bulk replay writes its whole memory at each flush (its shadow table has no key
 * yet): bounded by the horizon, and what a resumed replay loads back.
 */
export async function replaceRepeatMemory(
  tx: PoolClient,
  table: string,
  snapshot: string,
): Promise<void> {
  await tx.query(`TRUNCATE ${table}`);
  if (snapshot === '') return;
  await pipeline(
    Readable.from([snapshot]),
    tx.query(copyFrom(`COPY ${table} (ad_id, user_hash, recent, last_clicked) FROM STDIN`)),
  );
}
