export { ReportingModule } from './reporting.module';
export { ReportingError, ReportingErrorCode } from './reporting.error';
// The readers on their own, without HTTP and GraphQL: the bench times them beside the raw
// GROUP BY so that ratio compares SQL with SQL.
export { ClickSeriesReader } from './click-series/click-series.reader';
export { ClickTotalsReader } from './click-totals/click-totals.reader';
export { TopAdsReader } from './top-ads/top-ads.reader';
export { Granularity } from './shared/granularity.graphql';
export { tile } from './shared/time-range';
