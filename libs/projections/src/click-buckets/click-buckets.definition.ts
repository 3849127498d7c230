import {
  breakdownTable,
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
import { consolidateBuckets } from './bucket-bulk-load';
import {
  accumulateClicks,
  ClickBucketsBulkLoad,
  ClickBucketsProjection,
} from './click-buckets.projection';

const tablesNamed = (names: TableNames): BucketTables => ({
  minute: names(LIVE_BUCKET_TABLES.minute),
  hour: names(LIVE_BUCKET_TABLES.hour),
  day: names(LIVE_BUCKET_TABLES.day),
  shiftedHour: names(LIVE_BUCKET_TABLES.shiftedHour),
  breakdownMinute: names(LIVE_BUCKET_TABLES.breakdownMinute),
  breakdownHour: names(LIVE_BUCKET_TABLES.breakdownHour),
  breakdownDay: names(LIVE_BUCKET_TABLES.breakdownDay),
});

const bucket = (name: string): ReadModelTable => ({
  name,
  key: ['ad_id', 'bucket_start'],
  keyTypes: ['uuid', 'timestamptz'],
  shown: ['clicks', 'bot_clicks', 'paused_clicks', 'unique_users'],
  hidden: ['users'],
  clicks: 'clicks',
});

const breakdown = (name: string): ReadModelTable => ({
  name,
  key: ['ad_id', 'bucket_start', 'dimension', 'value'],
  keyTypes: ['uuid', 'timestamptz', 'text', 'text'],
  shown: ['clicks', 'bot_clicks'],
  hidden: [],
  clicks: 'clicks',
});

/**
 * Clicks per ad in minute, hour and day buckets, in hours shifted by 15, 30 and 45 minutes (for
 * zones that are not a whole number of hours from UTC), and per minute, hour and day by
 * country, device and placement.
 */
export const CLICK_BUCKETS_PROJECTION: ProjectionDefinition = {
  name: CLICK_BUCKETS,
  eventTypes: CLICK_BUCKETS_EVENT_TYPES,
  tables: [
    bucket(LIVE_BUCKET_TABLES.minute),
    bucket(LIVE_BUCKET_TABLES.hour),
    bucket(LIVE_BUCKET_TABLES.day),
    bucket(LIVE_BUCKET_TABLES.shiftedHour),
    breakdown(LIVE_BUCKET_TABLES.breakdownMinute),
    breakdown(LIVE_BUCKET_TABLES.breakdownHour),
    breakdown(LIVE_BUCKET_TABLES.breakdownDay),
  ],
  create: (names) => new ClickBucketsProjection(tablesNamed(names)),
  // The keys of the very deltas `apply` writes: unreadable events make none.
  touched: (events) => {
    const { accumulator } = accumulateClicks(events);
    const keys = new KeySet();
    for (const granularity of GRANULARITIES)
      for (const d of accumulator.buckets[granularity].values())
        keys.add(bucketTable(LIVE_BUCKET_TABLES, granularity), [d.adId, new Date(d.bucketStart)]);
    for (const d of accumulator.shiftedHours.values())
      keys.add(LIVE_BUCKET_TABLES.shiftedHour, [d.adId, new Date(d.bucketStart)]);
    for (const granularity of GRANULARITIES)
      for (const d of accumulator.breakdowns[granularity].values())
        keys.add(breakdownTable(LIVE_BUCKET_TABLES, granularity), [
          d.adId,
          new Date(d.bucketStart),
          d.dimension,
          d.value,
        ]);
    return keys.result();
  },
  bulk: {
    create: (names) => new ClickBucketsBulkLoad(tablesNamed(names)),
    consolidate: (tx, names) => consolidateBuckets(tx, tablesNamed(names)),
  },
};
