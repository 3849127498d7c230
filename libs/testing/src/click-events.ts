import { randomBytes } from 'node:crypto';
import { uuidV5 } from '@app/contracts';
import { CheckpointStore } from '@app/read-models';
import { Pool } from 'pg';

export interface TestClick {
  readonly adId: string;
  readonly clickedAt: Date;
  readonly userKey: string;
  readonly bot?: boolean;
  readonly country?: string | null;
  readonly device?: string;
  readonly placement?: string | null;
  /** Written as a version 2 event with these facts (no bot or device verdict) when given. */
  readonly facts?: {
    readonly userAgent: string;
    readonly referrerHost?: string | null;
    readonly declaredPurpose?: string | null;
    readonly addressClass?: 'datacenter' | 'other' | 'unchecked';
    readonly msSinceMint?: number | null;
  };
}

/**
 * Writes ClickRecorded events straight into the PostgreSQL log, in the exact shape the
 * tracker writes (one "no stream" stream per impression, deterministic event id), many per
 * statement: tests and benchmarks need hundreds of thousands of them quickly.
 */
export async function insertClicks(
  pool: Pool,
  clicks: readonly TestClick[],
  chunk = 5_000,
): Promise<void> {
  for (let i = 0; i < clicks.length; i += chunk) {
    const rows = clicks.slice(i, i + chunk).map((c) => {
      const impressionId = randomBytes(16).toString('base64url');
      const streamId = `click-${impressionId}`;
      const common = {
        impressionId,
        adId: c.adId,
        advertiserId: '00000000-0000-4000-8000-00000000a000',
        clickedAt: c.clickedAt.toISOString(),
        userKey: c.userKey,
        country: c.country === undefined ? 'US' : c.country,
        placement: c.placement ?? null,
        adPaused: false,
      };
      return {
        s: streamId,
        e: uuidV5(streamId),
        d: c.facts
          ? {
              version: 2,
              ...common,
              userAgent: c.facts.userAgent,
              referrerHost: c.facts.referrerHost ?? null,
              declaredPurpose: c.facts.declaredPurpose ?? null,
              addressClass: c.facts.addressClass ?? 'other',
              msSinceMint: c.facts.msSinceMint ?? null,
            }
          : {
              version: 1,
              ...common,
              device: c.device ?? (c.bot ? 'bot' : 'desktop'),
              bot: c.bot ?? false,
            },
      };
    });
    await pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data)
       SELECT r.s, 0, r.e, 'ClickRecorded', r.d FROM jsonb_to_recordset($1::jsonb) AS r(s text, e uuid, d jsonb)`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * Buckets whose projected counts differ from a count made directly from the event log, at
 * one granularity. An empty list means the read model is exactly right. Bots are what version
 * 1 events say; version 2 events carry no verdict, and the tests that count them click as an
 * ordinary browser with the timing and repeat rules off (TEST_SECRETS): all valid.
 */
export async function bucketMismatches(
  pool: Pool,
  granularity: 'minute' | 'hour' | 'day' | 'hour_shifted',
): Promise<unknown[]> {
  // Shifted hours start 15, 30 and 45 minutes past the UTC hour: each click is in three.
  const bucket =
    granularity === 'hour_shifted'
      ? `date_trunc('hour', ((data->>'clickedAt')::timestamptz - s * interval '1 minute') AT TIME ZONE 'UTC') + s * interval '1 minute'`
      : `date_trunc('${granularity}', (data->>'clickedAt')::timestamptz AT TIME ZONE 'UTC')`;
  const shifts = granularity === 'hour_shifted' ? ', unnest(ARRAY[15, 30, 45]) AS s' : '';
  const { rows } = await pool.query(
    `WITH truth AS (
       SELECT (data->>'adId')::uuid AS ad_id,
              ${bucket} AS bucket,
              count(*) FILTER (WHERE data->>'version' = '2' OR NOT (data->>'bot')::boolean) AS clicks,
              count(*) FILTER (WHERE (data->>'bot')::boolean) AS bot_clicks
       FROM events${shifts} WHERE event_type = 'ClickRecorded' GROUP BY 1, 2),
     projected AS (
       SELECT ad_id, bucket_start AT TIME ZONE 'UTC' AS bucket, clicks, bot_clicks FROM click_${granularity})
     SELECT ad_id, bucket, t.clicks AS log_clicks, t.bot_clicks AS log_bot_clicks,
            p.clicks AS projected_clicks, p.bot_clicks AS projected_bot_clicks
     FROM truth t FULL JOIN projected p USING (ad_id, bucket)
     WHERE t.clicks IS DISTINCT FROM p.clicks OR t.bot_clicks IS DISTINCT FROM p.bot_clicks`,
  );
  return rows;
}

/** Waits until the projection's checkpoint has applied `expected` events, or fails with what it reached. */
export async function waitForProjected(
  pool: Pool,
  projection: string,
  expected: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const checkpoints = new CheckpointStore(pool);
  let applied = -1;
  while (Date.now() < deadline) {
    applied = (await checkpoints.read(projection))?.eventsApplied ?? 0;
    if (applied >= expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${projection} applied ${applied} of ${expected} events within ${timeoutMs} ms`);
}
