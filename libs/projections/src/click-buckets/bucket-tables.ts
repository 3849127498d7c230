/** The tables one click-bucket projection writes: the live ones, or a rebuild's shadow copies. */
export interface BucketTables {
  readonly minute: string;
  readonly hour: string;
  readonly day: string;
  readonly breakdownDay: string;
}

export const LIVE_BUCKET_TABLES: BucketTables = {
  minute: 'click_minute',
  hour: 'click_hour',
  day: 'click_day',
  breakdownDay: 'click_breakdown_day',
};

export type Granularity = 'minute' | 'hour' | 'day';

const SIZE_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Start of the UTC bucket holding `ms`. */
export function bucketStart(ms: number, granularity: Granularity): number {
  return ms - (((ms % SIZE_MS[granularity]) + SIZE_MS[granularity]) % SIZE_MS[granularity]);
}
