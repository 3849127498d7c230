import {
  AD_EVENT_TYPES,
  CLICK_RECORDED,
  ClickRecordedData,
  parseClickRecorded,
} from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { PoolClient } from 'pg';
import { AD_CATALOG, AdCatalogProjection } from '../ad-catalog/ad-catalog.projection';
import { consolidateBuckets } from '../click-buckets/bucket-bulk-load';
import { BucketTables, bucketStart, LIVE_BUCKET_TABLES } from '../click-buckets/bucket-tables';
import { CLICK_BUCKETS, ClickBucketsProjection } from '../click-buckets/click-buckets.projection';
import { Projection } from '../framework/projection';

/** A read-model table as reconciliation sees it. */
export interface ComparedTable {
  readonly name: string;
  /** The row's identity: a bucket is (ad_id, bucket_start), a catalog entry ad_id. */
  readonly key: readonly string[];
  /** PostgreSQL types of the key columns, for passing keys as arrays. */
  readonly keyTypes: readonly string[];
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
  /** The rows (per table, as key tuples) these events change: what a swap must compare again. */
  touched(events: readonly RecordedEvent[]): Map<string, unknown[][]>;
  /**
   * A faster first replay, for projections that have one: into shadow tables without their
   * primary keys, which `consolidate` then leaves with one row per key (in the transaction
   * that adds the keys).
   */
  readonly bulk?: {
    create(shadow: (live: string) => string): Projection;
    consolidate(tx: PoolClient, shadow: (live: string) => string): Promise<void>;
  };
}

/** Collects distinct key tuples per table. */
class KeySet {
  readonly byTable = new Map<string, Map<string, unknown[]>>();

  add(table: string, key: unknown[]): void {
    let keys = this.byTable.get(table);
    if (!keys) this.byTable.set(table, (keys = new Map()));
    keys.set(JSON.stringify(key), key);
  }

  result(): Map<string, unknown[][]> {
    return new Map([...this.byTable].map(([table, keys]) => [table, [...keys.values()]]));
  }
}

function clickKeys(events: readonly RecordedEvent[]): Map<string, unknown[][]> {
  const keys = new KeySet();
  for (const event of events) {
    let click: ClickRecordedData;
    try {
      click = parseClickRecorded(event.data);
    } catch {
      continue; // dead-lettered by the live projection, passed over by the shadow: no row
    }
    const at = Date.parse(click.clickedAt);
    for (const [granularity, table] of [
      ['minute', LIVE_BUCKET_TABLES.minute],
      ['hour', LIVE_BUCKET_TABLES.hour],
      ['day', LIVE_BUCKET_TABLES.day],
    ] as const)
      keys.add(table, [click.adId, new Date(bucketStart(at, granularity))]);
    const day = new Date(bucketStart(at, 'day'));
    keys.add(LIVE_BUCKET_TABLES.breakdownDay, [
      click.adId,
      day,
      'country',
      click.country ?? 'unknown',
    ]);
    keys.add(LIVE_BUCKET_TABLES.breakdownDay, [click.adId, day, 'device', click.device]);
  }
  return keys.result();
}

const shadowBuckets = (shadow: (live: string) => string): BucketTables => ({
  minute: shadow(LIVE_BUCKET_TABLES.minute),
  hour: shadow(LIVE_BUCKET_TABLES.hour),
  day: shadow(LIVE_BUCKET_TABLES.day),
  breakdownDay: shadow(LIVE_BUCKET_TABLES.breakdownDay),
});

const bucket = (name: string): ComparedTable => ({
  name,
  key: ['ad_id', 'bucket_start'],
  keyTypes: ['uuid', 'timestamptz'],
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
        keyTypes: ['uuid', 'timestamptz', 'text', 'text'],
        shown: ['clicks', 'bot_clicks'],
        hidden: [],
        clicks: 'clicks',
      },
    ],
    create: (shadow) => new ClickBucketsProjection(CLICK_BUCKETS, shadowBuckets(shadow)),
    touched: clickKeys,
    bulk: {
      create: (shadow) =>
        new ClickBucketsProjection(CLICK_BUCKETS, shadowBuckets(shadow), 'append'),
      consolidate: (tx, shadow) => consolidateBuckets(tx, shadowBuckets(shadow)),
    },
  },
  {
    projection: AD_CATALOG,
    eventTypes: [...AD_EVENT_TYPES],
    tables: [
      {
        name: 'ad_catalog',
        key: ['ad_id'],
        keyTypes: ['uuid'],
        shown: ['advertiser_id', 'name', 'target_url', 'paused', 'registered_at', 'updated_at'],
        hidden: [],
      },
    ],
    create: (shadow) => new AdCatalogProjection(AD_CATALOG, shadow('ad_catalog')),
    touched: (events) => {
      const keys = new KeySet();
      for (const event of events) {
        const adId = (event.data as { adId?: unknown } | null)?.adId;
        if (typeof adId === 'string') keys.add('ad_catalog', [adId]);
      }
      return keys.result();
    },
  },
];

export function rebuildTarget(projection: string): RebuildTarget | undefined {
  return REBUILD_TARGETS.find((t) => t.projection === projection);
}
