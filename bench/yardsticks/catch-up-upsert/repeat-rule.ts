import { PoolClient } from 'pg';
import { Judged } from './judge';
import { RepeatWindow } from './repeat-window';

export const REPEAT_TABLE = 'bench_y1_repeat_state';

/**
 * Marks the batch's repeats, in log order, against the memory of its (ad, user) pairs read in
 * the batch's transaction, and writes that memory back there: the rule as the product judges
 * it, exact across restarts because the memory commits with the counts.
 */
export async function judgeRepeats(tx: PoolClient, clicks: readonly Judged[]): Promise<void> {
  const { rows: top } = await tx.query<{ n: string | null }>(
    `SELECT max(last_clicked)::text AS n FROM ${REPEAT_TABLE}`,
  );
  const window = new RepeatWindow(top[0].n === null ? -Infinity : Number(top[0].n));
  const { rows } = await tx.query<{ a: string; u: string; r: string[] }>(
    `SELECT t.ad_id AS a, t.user_hash::text AS u, t.recent::text[] AS r
       FROM (SELECT DISTINCT a, u FROM unnest($1::uuid[], $2::bigint[]) AS k(a, u)) AS k
       JOIN ${REPEAT_TABLE} t ON t.ad_id = k.a AND t.user_hash = k.u`,
    [clicks.map((c) => c.facts.adId), clicks.map((c) => c.user)],
  );
  for (const r of rows) window.remember({ ad: r.a, user: r.u, times: r.r.map(Number) });
  for (const click of clicks) window.see(click);
  const list = window.takeChanged();
  if (list.length === 0) return;
  await tx.query(
    `INSERT INTO ${REPEAT_TABLE} AS t (ad_id, user_hash, recent, last_clicked)
     SELECT a, u, r::bigint[], l FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::bigint[]) AS x(a, u, r, l)
     ON CONFLICT (ad_id, user_hash) DO UPDATE SET recent = excluded.recent, last_clicked = excluded.last_clicked`,
    [
      list.map((p) => p.ad),
      list.map((p) => p.user),
      list.map((p) => `{${p.times.map((t) => Math.round(t)).join(',')}}`),
      list.map((p) => Math.round(p.times[p.times.length - 1])),
    ],
  );
  await tx.query(`DELETE FROM ${REPEAT_TABLE} WHERE last_clicked < $1`, [
    Math.floor(window.horizon()),
  ]);
}
