import { CreateEvents1764000000000 } from './1764000000000-create-events';
import { CreateAdvertisers1764000100000 } from './1764000100000-create-advertisers';
import { CreateReadModels1764000200000 } from './1764000200000-create-read-models';
import { IndexEventsByType1764000300000 } from './1764000300000-index-events-by-type';
import { BucketUniqueUsers1764000400000 } from './1764000400000-bucket-unique-users';
import { ProjectionRebuilds1764000500000 } from './1764000500000-projection-rebuilds';
import { LeanEventIndexes1764000650000 } from './1764000650000-lean-event-indexes';
import { ShiftedHourBuckets1764000700000 } from './1764000700000-shifted-hour-buckets';
import { BreakdownsByMinuteAndHour1764000800000 } from './1764000800000-breakdowns-by-minute-and-hour';
import { TrafficQuality1764000900000 } from './1764000900000-traffic-quality';

/** Every migration, oldest first. Generated or written by hand, always checked in. */
export const MIGRATIONS = [
  CreateEvents1764000000000,
  CreateAdvertisers1764000100000,
  CreateReadModels1764000200000,
  IndexEventsByType1764000300000,
  BucketUniqueUsers1764000400000,
  ProjectionRebuilds1764000500000,
  LeanEventIndexes1764000650000,
  ShiftedHourBuckets1764000700000,
  BreakdownsByMinuteAndHour1764000800000,
  TrafficQuality1764000900000,
];
