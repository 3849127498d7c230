import {
  breakdownTable,
  bucketStart,
  bucketTable,
  BucketTables,
  CLICK_BUCKETS,
  CLICK_BUCKETS_EVENT_TYPES,
  GRANULARITIES,
  LIVE_BUCKET_TABLES,
} from '@app/read-models';
import { KeySet } from '../framework/key-set';
import { ProjectionDefinition } from '../framework/projection-definition';
import { ReadModelTable, TableNames } from '../framework/read-model-table';
import { consolidateBuckets } from './bucket-consolidation';
import {
  accumulate,
  ClickBucketsBulkLoad,
  ClickBucketsProjection,
  readClicks,
} from './click-buckets.projection';
import { describeRules, repeatRuleOn } from './traffic-quality/quality-rules';
import { userHashText } from './traffic-quality/repeat-memory';

const tablesNamed = (names: TableNames): BucketTables => ({
  minute: names(LIVE_BUCKET_TABLES.minute),
  hour: names(LIVE_BUCKET_TABLES.hour),
  day: names(LIVE_BUCKET_TABLES.day),
  shiftedHour: names(LIVE_BUCKET_TABLES.shiftedHour),
  breakdownMinute: names(LIVE_BUCKET_TABLES.breakdownMinute),
  breakdownHour: names(LIVE_BUCKET_TABLES.breakdownHour),
  breakdownDay: names(LIVE_BUCKET_TABLES.breakdownDay),
  repeatState: names(LIVE_BUCKET_TABLES.repeatState),
});

const bucket = (name: string): ReadModelTable => ({
  name,
  key: ['ad_id', 'bucket_start'],
  keyTypes: ['uuid', 'timestamptz'],
  shown: ['clicks', 'bot_clicks', 'invalid_clicks', 'paused_clicks', 'unique_users'],
  hidden: ['users'],
  clicks: 'clicks',
});

const breakdown = (name: string): ReadModelTable => ({
  name,
  key: ['ad_id', 'bucket_start', 'dimension', 'value'],
  keyTypes: ['uuid', 'timestamptz', 'text', 'text'],
  shown: ['clicks', 'bot_clicks', 'invalid_clicks'],
  hidden: [],
  clicks: 'clicks',
});

/**
 * Clicks per ad in minute, hour and day buckets, in hours shifted by 15, 30 and 45 minutes (for
 * zones that are not a whole number of hours from UTC), and per minute, hour and day by
 * country, device, placement, browser, OS, referrer and invalid reason; valid and invalid apart,
 * judged by the traffic-quality rules (traffic-quality/).
 */
export const CLICK_BUCKETS_PROJECTION: ProjectionDefinition = {
  name: CLICK_BUCKETS,
  eventTypes: CLICK_BUCKETS_EVENT_TYPES,
  tables: [
    {
      ...bucket(LIVE_BUCKET_TABLES.minute),
      judged: { ad: 'ad_id', valid: 'clicks', invalid: 'invalid_clicks' },
    },
    bucket(LIVE_BUCKET_TABLES.hour),
    bucket(LIVE_BUCKET_TABLES.day),
    bucket(LIVE_BUCKET_TABLES.shiftedHour),
    breakdown(LIVE_BUCKET_TABLES.breakdownMinute),
    breakdown(LIVE_BUCKET_TABLES.breakdownHour),
    breakdown(LIVE_BUCKET_TABLES.breakdownDay),
    {
      name: LIVE_BUCKET_TABLES.repeatState,
      key: ['ad_id', 'user_hash'],
      keyTypes: ['uuid', 'int8'],
      shown: [],
      hidden: ['recent', 'last_clicked'],
      reconciled: false,
    },
  ],
  create: (names, context) => new ClickBucketsProjection(tablesNamed(names), context.quality),
  // The keys of the very deltas `apply` writes (unreadable events make none), judged as if no
  // click were a repeat; and, with the repeat rule on, every row a repeat could add.
  touched: (events, context) => {
    const { clicks } = readClicks(events, context.quality);
    const accumulator = accumulate(clicks);
    const keys = new KeySet();
    for (const granularity of GRANULARITIES)
      for (const d of accumulator.buckets(granularity))
        keys.add(bucketTable(LIVE_BUCKET_TABLES, granularity), [d.adId, new Date(d.bucketStart)]);
    for (const d of accumulator.shiftedHours())
      keys.add(LIVE_BUCKET_TABLES.shiftedHour, [d.adId, new Date(d.bucketStart)]);
    for (const granularity of GRANULARITIES)
      for (const d of accumulator.breakdowns(granularity))
        keys.add(breakdownTable(LIVE_BUCKET_TABLES, granularity), [
          d.adId,
          new Date(d.bucketStart),
          d.dimension,
          d.value,
        ]);
    if (repeatRuleOn(context.quality))
      for (const click of clicks) {
        for (const granularity of GRANULARITIES)
          keys.add(breakdownTable(LIVE_BUCKET_TABLES, granularity), [
            click.facts.adId,
            new Date(bucketStart(click.at, granularity)),
            'invalid_reason',
            'repeat',
          ]);
        keys.add(LIVE_BUCKET_TABLES.repeatState, [click.facts.adId, userHashText(click.userHash)]);
      }
    return keys.result();
  },
  rules: (context) => describeRules(context.quality),
  bulk: {
    create: (names, context) => new ClickBucketsBulkLoad(tablesNamed(names), context.quality),
    consolidate: (tx, names) => consolidateBuckets(tx, tablesNamed(names)),
  },
};
