import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/**
 * `count` ClickRecorded events, in the exact shape the tracker writes, inserted by SQL in
 * chunks: `ads` ads (long tail: each ad's clicks spread over `days` days, so most buckets
 * are new), 2% bots, 200,000 distinct users.
 */
export async function seedClickEvents(
  pool: Pool,
  options: { count: number; ads: number; days: number },
): Promise<void> {
  const ads = Array.from({ length: options.ads }, () => randomUUID());
  const end = Date.now();
  const chunk = 250_000;
  for (let offset = 0; offset < options.count; offset += chunk) {
    await pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
       SELECT 'click-bench-' || i, 0, gen_random_uuid(), 'ClickRecorded',
              jsonb_build_object(
                'version', 1,
                'impressionId', 'bench-' || i,
                'adId', ($1::uuid[])[1 + (i * 7919) % cardinality($1::uuid[])],
                'advertiserId', '00000000-0000-4000-8000-00000000a000',
                'clickedAt', to_char(to_timestamp(($2::bigint - (i * 104729) % ($3::bigint * 86400000)) / 1000.0)
                                     AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'userKey', 'u:' || (i * 31) % 200000,
                'country', 'US',
                'device', CASE WHEN i % 50 = 0 THEN 'bot' ELSE 'desktop' END,
                'bot', i % 50 = 0,
                'placement', NULL,
                'adPaused', false)
         FROM generate_series($4::bigint, $5::bigint) AS i`,
      [ads, end, options.days, offset, Math.min(options.count, offset + chunk) - 1],
    );
  }
  await pool.query('VACUUM ANALYZE events');
  await pool.query('CHECKPOINT');
}
