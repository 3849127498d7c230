import { BOT, REASONS } from '../catch-up-upsert/judge';
import { STAGED } from './stage-clicks';

/** Y3's tables: the product's names with its prefix, its columns and keys, no sketches. */
export const Y3 = {
  minute: 'bench_y3_minute',
  hour: 'bench_y3_hour',
  day: 'bench_y3_day',
  shiftedHour: 'bench_y3_hour_shifted',
  breakdownMinute: 'bench_y3_breakdown_minute',
  breakdownHour: 'bench_y3_breakdown_hour',
  breakdownDay: 'bench_y3_breakdown_day',
  repeatState: 'bench_y3_repeat_state',
} as const;

// A click with no reason is valid; bot clicks are among the invalid ones.
const COUNTS = `count(*) FILTER (WHERE reasons = 0) AS clicks,
  count(*) FILTER (WHERE reasons & ${BOT} <> 0) AS bot_clicks,
  count(*) FILTER (WHERE reasons <> 0) AS invalid_clicks`;
const SUMS = `sum(clicks)::bigint AS clicks, sum(bot_clicks)::bigint AS bot_clicks,
  sum(invalid_clicks)::bigint AS invalid_clicks`;

// Staged times are epoch milliseconds (all after 1970, so integer division floors).
const MINUTE = `clicked_at / 60000`;
const MINUTE_START = `to_timestamp(${MINUTE} * 60)`;

/** What each invalid click counts under in the invalid_reason breakdown: one row per reason. */
const REASON_BITS = `(VALUES ${REASONS.map((r, i) => `(${1 << i}, '${r}')`).join(', ')}) AS r(bit, name)`;

/** A coarser table summed from a finer one: buckets add up, only sketches would not. */
const rollUp = (target: string, source: string, start: string, breakdown: boolean) =>
  `CREATE TABLE ${target} AS
   SELECT ad_id, ${start} AS bucket_start, ${breakdown ? 'dimension, value, ' : ''}${SUMS}
          ${breakdown ? '' : ', sum(paused_clicks)::bigint AS paused_clicks'}
   FROM ${source} GROUP BY ad_id, ${start}${breakdown ? ', dimension, value' : ''}`;

const bucketKey = (table: string) => `ALTER TABLE ${table} ADD PRIMARY KEY (ad_id, bucket_start)`;
const breakdownKey = (table: string) =>
  `ALTER TABLE ${table} ADD PRIMARY KEY (ad_id, bucket_start, dimension, value)`;

/**
 * Every table of the product's click-buckets projection from the staged clicks, set-based: one
 * `GROUP BY` over the clicks per minute table, each coarser table summed from the finer one
 * (hours from minutes, days from hours, shifted hours from minutes, whose starts they share),
 * then the keys. Run in the transaction that staged the clicks.
 */
export const GROUP_BY = [
  `CREATE TABLE ${Y3.minute} AS
   SELECT ad_id, ${MINUTE_START} AS bucket_start, ${COUNTS},
          count(*) FILTER (WHERE paused) AS paused_clicks
   FROM ${STAGED} GROUP BY ad_id, ${MINUTE}`,
  rollUp(Y3.hour, Y3.minute, `date_trunc('hour', bucket_start)`, false),
  rollUp(Y3.day, Y3.hour, `date_trunc('day', bucket_start)`, false),
  rollUp(
    Y3.shiftedHour,
    `${Y3.minute} CROSS JOIN (VALUES (interval '15 minutes'), (interval '30 minutes'),
                                     (interval '45 minutes')) AS s(shift)`,
    `date_trunc('hour', bucket_start - shift) + shift`,
    false,
  ),
  `CREATE TABLE ${Y3.breakdownMinute} AS
   SELECT ad_id, ${MINUTE_START} AS bucket_start, d.dimension, d.value, ${COUNTS}
   FROM ${STAGED} CROSS JOIN LATERAL (VALUES ('country', country), ('device', device),
     ('placement', placement), ('browser', browser), ('os', os), ('referrer', referrer)) AS d(dimension, value)
   GROUP BY ad_id, ${MINUTE}, d.dimension, d.value
   UNION ALL
   SELECT ad_id, ${MINUTE_START}, 'invalid_reason', r.name, ${COUNTS}
   FROM ${STAGED} JOIN ${REASON_BITS} ON reasons & r.bit <> 0
   GROUP BY ad_id, ${MINUTE}, r.name`,
  rollUp(Y3.breakdownHour, Y3.breakdownMinute, `date_trunc('hour', bucket_start)`, true),
  rollUp(Y3.breakdownDay, Y3.breakdownHour, `date_trunc('day', bucket_start)`, true),
  ...[Y3.minute, Y3.hour, Y3.day, Y3.shiftedHour].map(bucketKey),
  ...[Y3.breakdownMinute, Y3.breakdownHour, Y3.breakdownDay].map(breakdownKey),
];
