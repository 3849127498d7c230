import { PoolClient } from 'pg';
import { Judged, REPEAT } from './judge';

// The product's repeat rule at its defaults: more than 3 clicks of one user on one ad within an
// hour are repeats; pairs older than the newest click minus the window and an hour are dropped.
const MAX_CLICKS = 3;
const WINDOW_MS = 3_600_000;
const LATENESS_MS = 3_600_000;

export const REPEAT_TABLE = 'bench_y1_repeat_state';

interface Pair {
  readonly ad: string;
  readonly user: string;
  times: number[];
}

/**
 * Marks the batch's repeats, in log order, against the memory of its (ad, user) pairs read in
 * the batch's transaction, and writes that memory back there: the rule as the product judges
 * it, exact across restarts because the memory commits with the counts.
 */
export async function judgeRepeats(tx: PoolClient, clicks: readonly Judged[]): Promise<void> {
  const { rows: top } = await tx.query<{ n: string | null }>(
    `SELECT max(last_clicked)::text AS n FROM ${REPEAT_TABLE}`,
  );
  let newest = top[0].n === null ? -Infinity : Number(top[0].n);
  const pairs = new Map<string, Pair>();
  const { rows } = await tx.query<{ a: string; u: string; r: string[] }>(
    `SELECT t.ad_id AS a, t.user_hash::text AS u, t.recent::text[] AS r
       FROM (SELECT DISTINCT a, u FROM unnest($1::uuid[], $2::bigint[]) AS k(a, u)) AS k
       JOIN ${REPEAT_TABLE} t ON t.ad_id = k.a AND t.user_hash = k.u`,
    [clicks.map((c) => c.facts.adId), clicks.map((c) => c.user)],
  );
  for (const r of rows) pairs.set(`${r.a}|${r.u}`, { ad: r.a, user: r.u, times: r.r.map(Number) });
  const changed = new Set<Pair>();
  for (const click of clicks) {
    const at = click.at;
    if (at > newest) newest = at;
    const horizon = newest - WINDOW_MS - LATENESS_MS;
    const floor = Math.max(at - WINDOW_MS, horizon);
    const key = `${click.facts.adId}|${click.user}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { ad: click.facts.adId, user: click.user, times: [] };
      pairs.set(key, pair);
    }
    let earlier = 0;
    for (const t of pair.times) if (t >= floor && t <= at) earlier++;
    const times = pair.times.filter((t) => t >= horizon);
    let i = times.length;
    while (i > 0 && times[i - 1] > at) i--;
    times.splice(i, 0, at);
    if (times.length > MAX_CLICKS) times.shift();
    pair.times = times;
    changed.add(pair);
    if (earlier >= MAX_CLICKS) click.reasons |= REPEAT;
  }
  if (changed.size === 0) return;
  const list = [...changed];
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
  const horizon = newest - WINDOW_MS - LATENESS_MS;
  await tx.query(`DELETE FROM ${REPEAT_TABLE} WHERE last_clicked < $1`, [Math.floor(horizon)]);
}
