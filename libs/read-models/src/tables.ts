import { CLICK_RECORDED } from '@app/contracts';
import { Granularity } from './granularity';

/**
 * The click tables one click-bucket projection writes: the live ones, or a rebuild's shadow
 * copies. Reporting reads the live ones.
 */
export interface BucketTables {
  readonly minute: string;
  readonly hour: string;
  readonly day: string;
  /** Hours starting 15, 30 and 45 minutes past the UTC hour (see shiftedHourStarts). */
  readonly shiftedHour: string;
  /** Clicks per (ad, bucket, dimension, value), at each granularity. */
  readonly breakdownMinute: string;
  readonly breakdownHour: string;
  readonly breakdownDay: string;
  /** The repeat rule's memory: recent click times per (ad, user). Internal, never reported. */
  readonly repeatState: string;
}

export const LIVE_BUCKET_TABLES: BucketTables = {
  minute: 'click_minute',
  hour: 'click_hour',
  day: 'click_day',
  shiftedHour: 'click_hour_shifted',
  breakdownMinute: 'click_breakdown_minute',
  breakdownHour: 'click_breakdown_hour',
  breakdownDay: 'click_breakdown_day',
  repeatState: 'click_repeat_state',
};

/** The bucket table of each granularity. */
export function bucketTable(tables: BucketTables, granularity: Granularity): string {
  switch (granularity) {
    case Granularity.MINUTE:
      return tables.minute;
    case Granularity.HOUR:
      return tables.hour;
    case Granularity.DAY:
      return tables.day;
  }
}

/** The breakdown table of each granularity. */
export function breakdownTable(tables: BucketTables, granularity: Granularity): string {
  switch (granularity) {
    case Granularity.MINUTE:
      return tables.breakdownMinute;
    case Granularity.HOUR:
      return tables.breakdownHour;
    case Granularity.DAY:
      return tables.breakdownDay;
  }
}

/** Ads as advertisers see them (name, target, paused), fed by the ad events. */
export const AD_CATALOG_TABLE = 'ad_catalog';

/**
 * Projection names, as stored in projection_checkpoints and accepted by the rebuild command.
 * They live here because reporting asks how current a read model is by its projection's name.
 */
export const CLICK_BUCKETS = 'click-buckets';
/** What the click tables count: how current they are is how far these events are applied. */
export const CLICK_BUCKETS_EVENT_TYPES: readonly string[] = [CLICK_RECORDED];
export const AD_CATALOG = 'ad-catalog';
