import { Pool } from 'pg';

export interface RecountRules {
  readonly minClickDelayMs: number;
  readonly repeatMaxClicks: number;
  readonly repeatWindowMs: number;
}

export interface AdRecount {
  readonly valid: number;
  readonly invalid: number;
}

/**
 * Valid and invalid clicks per ad counted straight from the event log in SQL, independently of
 * the projection's code: what the rules say, written a second way. Bots are the version 1
 * verdict or, for version 2, the crawler names these tests use; a repeat is a click with
 * repeatMaxClicks earlier clicks (in log order) of the same user on the same ad within the
 * window before it. The tests click in time order, where that is exactly the projection's rule.
 */
export async function recount(pool: Pool, rules: RecountRules): Promise<Map<string, AdRecount>> {
  const { rows } = await pool.query<{ ad_id: string; valid: string; invalid: string }>(
    `WITH c AS (
       SELECT transaction_id AS tx, global_position AS pos,
              (data->>'adId')::uuid AS ad_id, data->>'userKey' AS user_key,
              (data->>'clickedAt')::timestamptz AS at,
              CASE WHEN data->>'version' = '1' THEN (data->>'bot')::boolean
                   ELSE data->>'userAgent' ~* '(bot|crawler|spider)' OR data->>'userAgent' = ''
              END AS bot,
              coalesce(data->>'declaredPurpose' ~ '(prefetch|prerender|preview)', false) AS prefetch,
              coalesce(data->>'addressClass' = 'datacenter', false) AS datacenter,
              coalesce((data->>'msSinceMint')::float8 >= 0
                       AND (data->>'msSinceMint')::float8 < $1, false) AS too_fast
         FROM events WHERE event_type = 'ClickRecorded'
     ), judged AS (
       SELECT c.ad_id, bot OR prefetch OR datacenter OR too_fast OR (
                $2 > 0 AND $3 > 0 AND (
                  SELECT count(*) FROM c e
                   WHERE e.ad_id = c.ad_id AND e.user_key = c.user_key
                     AND (e.tx, e.pos) < (c.tx, c.pos)
                     AND e.at >= c.at - $3 * interval '1 millisecond' AND e.at <= c.at) >= $2
              ) AS invalid
         FROM c
     )
     SELECT ad_id::text, count(*) FILTER (WHERE NOT invalid) AS valid,
            count(*) FILTER (WHERE invalid) AS invalid
       FROM judged GROUP BY ad_id`,
    [rules.minClickDelayMs, rules.repeatMaxClicks, rules.repeatWindowMs],
  );
  return new Map(
    rows.map((r) => [r.ad_id, { valid: Number(r.valid), invalid: Number(r.invalid) }]),
  );
}

/** The projected valid and invalid clicks per ad, over all time (the day buckets). */
export async function projected(pool: Pool): Promise<Map<string, AdRecount>> {
  const { rows } = await pool.query<{ ad_id: string; valid: string; invalid: string }>(
    `SELECT ad_id::text, sum(clicks) AS valid, sum(invalid_clicks) AS invalid
       FROM click_day GROUP BY ad_id`,
  );
  return new Map(
    rows.map((r) => [r.ad_id, { valid: Number(r.valid), invalid: Number(r.invalid) }]),
  );
}
