// The read models' shared vocabulary: what the projections write and reporting reads (table
// and projection names, bucket time arithmetic, the unique-user sketch, checkpoints).
export { bucketStart, HOUR_SHIFTS_MS, shiftedHourStarts } from './bucket-time';
export { Checkpoint, CheckpointStore } from './checkpoints/checkpoint-store';
export { GRANULARITIES, Granularity, PG_UNIT, UNIT_MS } from './granularity';
export { hashKey, HyperLogLog, KeyHash } from './sketch/hyperloglog';
export { SketchBuilder } from './sketch/sketch-builder';
export { SketchUnion, uniqueUsers } from './sketch/sketch-union';
export {
  AD_CATALOG,
  AD_CATALOG_TABLE,
  breakdownTable,
  bucketTable,
  BucketTables,
  CLICK_BUCKETS,
  CLICK_BUCKETS_EVENT_TYPES,
  LIVE_BUCKET_TABLES,
} from './tables';
