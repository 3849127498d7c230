import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The two logs the projection section measures on. */
export type ProjectionShape = 'realistic' | 'worst';

export const PROJECTION_SHAPES: readonly ProjectionShape[] = ['realistic', 'worst'];

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
}

// hashint8 gives every row a well-mixed number without a random() call per field, so two runs
// of the seed produce the same distribution (only ids and impression ids are random).
const R1 = 'abs(hashint8(i))';
const R2 = 'abs(hashint8(i + 1000000007))';
const R3 = 'abs(hashint8(i + 2000000011))';

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
                'version', 1,
                'impressionId', impression,
                'adId', ($1::uuid[])[1 + ${shape.adIndex}],
                'advertiserId', '00000000-0000-4000-8000-00000000a000',
                'clickedAt', to_char(to_timestamp((${shape.clickedAtMs}) / 1000.0) AT TIME ZONE 'UTC',
                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'userKey', 'a:' || ${base64url(`substr(sha256(('user-' || ${shape.user})::bytea), 1, 16)`)},
                'country', ${shape.country},
                'device', ${shape.device},
                'bot', ${shape.bot},
                'placement', NULL,
                'adPaused', false)
         FROM (SELECT i, ${base64url('uuid_send(gen_random_uuid())')} AS impression
               FROM generate_series($4::bigint, $5::bigint) AS i WHERE i < $3::bigint) AS numbered`,
      [ads, end, options.count, offset, Math.min(options.count, offset + chunk) - 1],
    );
  }
  await pool.query('VACUUM ANALYZE events');
  await pool.query('CHECKPOINT');
}
