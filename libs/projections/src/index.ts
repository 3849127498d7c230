export { AD_CATALOG, AdCatalogProjection } from './ad-catalog/ad-catalog.projection';
export {
  BucketTables,
  bucketStart,
  Granularity,
  LIVE_BUCKET_TABLES,
} from './click-buckets/bucket-tables';
export { CLICK_BUCKETS, ClickBucketsProjection } from './click-buckets/click-buckets.projection';
export { HyperLogLog, hashKey } from './hll/hyperloglog';
export {
  ProjectionsGraphqlModule,
  ProjectionStatusModule,
  ProjectorModule,
} from './projections.module';
export { PROJECTIONS } from './projections.registry';
export { ProjectionStatus, ProjectionStatusService } from './status/projection-status.service';
export { CREDENTIAL_WINDOW_MS, RpcCredential, signRpcCommand } from './rebuild/rpc-credential';
