import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The two logs the projection section measures on. */
export type ProjectionShape = 'realistic' | 'realistic_v2' | 'worst';

export const PROJECTION_SHAPES: readonly ProjectionShape[] = ['realistic', 'realistic_v2', 'worst'];

/** SQL expressions over the row number `i` (0 … count-1) that give each event its variety. */
interface ShapeSql {
  readonly ads: number;
  readonly adIndex: string;
  /** Milliseconds since the epoch; `$2` is the log's end, `$3` the number of events. */
  readonly clickedAtMs: string;
  readonly user: string;
  readonly bot: string;
  readonly device: string;
  readonly country: string;
  /** Version 2 events (the request's facts, judged by the projection) instead of version 1. */
  readonly facts?: boolean;
}

// hashint8 gives every row a well-mixed number without a random() call per field, so two runs
// of the seed produce the same distribution (only ids and impression ids are random).
const R1 = 'abs(hashint8(i))';
const R2 = 'abs(hashint8(i + 1000000007))';
const R3 = 'abs(hashint8(i + 2000000011))';
const HEAVY = `${R2} % 200 = 0`;

const SHAPES: Record<ProjectionShape, ShapeSql> = {
  // One day of traffic in arrival order: 80 % of the clicks on 50 hot ads out of 1,000,
  // 20,000 users, 2 % bots, a mix of countries and devices. Consecutive events share their
  // minute buckets, as they do in a live log.
  realistic: {
    ads: 1_000,
    adIndex: `CASE WHEN ${R1} % 100 < 80 THEN (${R1} / 100) % 50 ELSE 50 + (${R1} / 100) % 950 END`,
    clickedAtMs: `$2::bigint - 86400000 + (i * 86400000) / $3::bigint`,
    user: `${R2} % 20000`,
    bot: `${R3} % 50 = 0`,
    device: `CASE WHEN ${R3} % 50 = 0 THEN 'bot' WHEN ${R3} % 100 < 58 THEN 'desktop'
                  WHEN ${R3} % 100 < 96 THEN 'mobile' ELSE 'tablet' END`,
    country: `(ARRAY['US','US','US','US','US','US','US','US','DE','DE','DE','FR','FR','GB','GB',
                     'IN','IN','BR','JP',NULL])[1 + ${R2} % 20]`,
  },
  // The same traffic recorded as version 2: the projection parses each user agent (a handful
  // of browser builds and a crawler, 2 %), reads referrer hosts, a few prefetches and
  // data-centre addresses, and judges repeats and too-fast clicks: what the new facts cost it.
  // Besides, 1 click in 200 comes from a heavy clicker: one user per 4,000 consecutive clicks,
  // all on the hottest ad, about 20 in a row's stretch of the day (2 hours in the quick log, 6
  // minutes in the full one), so the repeat rule fires and the yardsticks' rows are checked on
  // repeats too.
  realistic_v2: {
    ads: 1_000,
    adIndex: `CASE WHEN ${HEAVY} THEN 0 WHEN ${R1} % 100 < 80 THEN (${R1} / 100) % 50
                   ELSE 50 + (${R1} / 100) % 950 END`,
    clickedAtMs: `$2::bigint - 86400000 + (i * 86400000) / $3::bigint`,
    user: `CASE WHEN ${HEAVY} THEN 'heavy-' || (i / 4000) ELSE (${R2} % 20000)::text END`,
    bot: `${R3} % 50 = 0`,
    device: `NULL`,
    country: `(ARRAY['US','US','US','US','US','US','US','US','DE','DE','DE','FR','FR','GB','GB',
                     'IN','IN','BR','JP',NULL])[1 + ${R2} % 20]`,
    facts: true,
  },
  // The bench's historical log: 10,000 ads over 30 days, times scattered so that nearly every
  // click opens its own minute bucket and most open their own hour.
  worst: {
    ads: 10_000,
    adIndex: `(i * 7919) % 10000`,
    clickedAtMs: `$2::bigint - (i * 104729) % (30::bigint * 86400000)`,
    user: `(i * 31) % 200000`,
    bot: `i % 50 = 0`,
    device: `CASE WHEN i % 50 = 0 THEN 'bot' ELSE 'desktop' END`,
    country: `'US'`,
  },
};

/** How a shape is described in the report. */
export const SHAPE_DESCRIPTIONS: Record<ProjectionShape, string> = {
  realistic:
    '1,000 ads, 80 % of the clicks on 50 of them, one day in arrival order, 20,000 users, ' +
    '2 % bots, 7 countries and unknown, desktop/mobile/tablet',
  realistic_v2:
    'the realistic log as ClickRecorded version 2: user agents (8 browser builds, 2 % a ' +
    'crawler) parsed by the projection, referrer hosts, 1 % prefetch, 1 % data-centre, ' +
    '0.5 % from heavy clickers on one ad (the repeat rule fires), every rule on',
  worst:
    '10,000 ads over 30 days in scattered order (nearly every click opens its own minute ' +
    'bucket), 200,000 users, 2 % bots, one country',
};

/**
 * `count` ClickRecorded events of one shape, in the exact format the tracker writes (a
 * `click-<impression id>` stream at revision 0, a 22-character base64url impression id, an
 * `a:`-prefixed user key of the same length, the same JSON fields), inserted by SQL in chunks.
 */
export async function seedClickEvents(
  pool: Pool,
  options: { count: number; shape: ProjectionShape },
): Promise<void> {
  const shape = SHAPES[options.shape];
  const ads = Array.from({ length: shape.ads }, () => randomUUID());
  const end = Date.UTC(2026, 10, 20);
  const chunk = 250_000;
  const base64url = (bytes: string) =>
    `rtrim(translate(encode(${bytes}, 'base64'), '+/', '-_'), '=')`;
  for (let offset = 0; offset < options.count; offset += chunk) {
    await pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
       SELECT 'click-' || impression, 0, gen_random_uuid(), 'ClickRecorded',
              jsonb_build_object(
                'version', ${shape.facts ? 2 : 1},
                'impressionId', impression,
                'adId', ($1::uuid[])[1 + ${shape.adIndex}],
                'advertiserId', '00000000-0000-4000-8000-00000000a000',
                'clickedAt', to_char(to_timestamp((${shape.clickedAtMs}) / 1000.0) AT TIME ZONE 'UTC',
                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'userKey', 'a:' || ${base64url(`substr(sha256(('user-' || ${shape.user})::bytea), 1, 16)`)},
                'country', ${shape.country},
                ${shape.facts ? '' : `'device', ${shape.device}, 'bot', ${shape.bot},`}
                'placement', NULL,
                'adPaused', false)${shape.facts ? ' || v2.facts' : ''}
         FROM (SELECT i, ${base64url('uuid_send(gen_random_uuid())')} AS impression
               FROM generate_series($4::bigint, $5::bigint) AS i WHERE i < $3::bigint) AS numbered
         ${shape.facts ? `CROSS JOIN LATERAL (SELECT ${factsSql(shape.bot)} AS facts) AS v2` : ''}`,
      [ads, end, options.count, offset, Math.min(options.count, offset + chunk) - 1],
    );
  }
  await pool.query('VACUUM ANALYZE events');
  await pool.query('CHECKPOINT');
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
];
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** A version 2 event's facts, from the row number (R1-R3) like the other fields. */
function factsSql(bot: string): string {
  const browsers = `ARRAY[${BROWSERS.map((b) => `'${b}'`).join(', ')}]`;
  return `jsonb_build_object(
    'userAgent', CASE WHEN ${bot} THEN '${CRAWLER}' ELSE (${browsers})[1 + ${R1} % ${BROWSERS.length}] END,
    'referrerHost', (ARRAY['news.example.com', 'www.google.com', 'm.facebook.com', NULL])[1 + ${R2} % 4],
    'declaredPurpose', CASE WHEN ${R3} % 100 = 1 THEN 'prefetch' END,
    'addressClass', CASE WHEN ${R3} % 100 = 2 THEN 'datacenter' ELSE 'other' END,
    'msSinceMint', 500 + ${R1} % 60000)`;
}
