import { AD_EVENT_TYPES, CLICK_RECORDED } from '@app/contracts';
import { AD_CATALOG, AdCatalogProjection } from '../ad-catalog/ad-catalog.projection';
import { LIVE_BUCKET_TABLES } from '../click-buckets/bucket-tables';
import { CLICK_BUCKETS, ClickBucketsProjection } from '../click-buckets/click-buckets.projection';
import { Projection } from '../framework/projection';

/** A read-model table as reconciliation sees it. */
export interface ComparedTable {
  readonly name: string;
  /** The row's identity: a bucket is (ad_id, bucket_start), a catalog entry ad_id. */
  readonly key: readonly string[];
  /** Compared, and shown with both values in the report. */
  readonly shown: readonly string[];
  /** Compared, not shown (a 4 KiB sketch means nothing in a report; its estimate is shown). */
  readonly hidden: readonly string[];
  /** The column whose totals the report compares, if any. */
  readonly clicks?: string;
}

/** A projection that can be rebuilt: its tables, and itself writing into other ones. */
export interface RebuildTarget {
  readonly projection: string;
  readonly eventTypes: readonly string[];
  readonly tables: readonly ComparedTable[];
  /** The projection writing into the shadow tables (`shadow(live)` names each one). */
  create(shadow: (live: string) => string): Projection;
}

const bucket = (name: string): ComparedTable => ({
  name,
  key: ['ad_id', 'bucket_start'],
  shown: ['clicks', 'bot_clicks', 'paused_clicks', 'unique_users'],
  hidden: ['users'],
  clicks: 'clicks',
});

export const REBUILD_TARGETS: readonly RebuildTarget[] = [
  {
    projection: CLICK_BUCKETS,
    eventTypes: [CLICK_RECORDED],
    tables: [
      bucket(LIVE_BUCKET_TABLES.minute),
      bucket(LIVE_BUCKET_TABLES.hour),
      bucket(LIVE_BUCKET_TABLES.day),
      {
        name: LIVE_BUCKET_TABLES.breakdownDay,
        key: ['ad_id', 'bucket_start', 'dimension', 'value'],
        shown: ['clicks', 'bot_clicks'],
        hidden: [],
        clicks: 'clicks',
      },
    ],
    create: (shadow) =>
      new ClickBucketsProjection(CLICK_BUCKETS, {
        minute: shadow(LIVE_BUCKET_TABLES.minute),
        hour: shadow(LIVE_BUCKET_TABLES.hour),
        day: shadow(LIVE_BUCKET_TABLES.day),
        breakdownDay: shadow(LIVE_BUCKET_TABLES.breakdownDay),
      }),
  },
  {
    projection: AD_CATALOG,
    eventTypes: [...AD_EVENT_TYPES],
    tables: [
      {
        name: 'ad_catalog',
        key: ['ad_id'],
        shown: ['advertiser_id', 'name', 'target_url', 'paused', 'registered_at', 'updated_at'],
        hidden: [],
      },
    ],
    create: (shadow) => new AdCatalogProjection(AD_CATALOG, shadow('ad_catalog')),
  },
];

export function rebuildTarget(projection: string): RebuildTarget | undefined {
  return REBUILD_TARGETS.find((t) => t.projection === projection);
}
