import { Module } from '@nestjs/common';
import { AdTotalsLoader } from './list-ads/ad-totals.loader';
import { AdvertiserLoader } from './list-ads/advertiser.loader';
import { AdsResolver } from './list-ads/ads.resolver';
import { ClickBreakdownResolver } from './click-breakdown/click-breakdown.resolver';
import { GetClickBreakdownHandler } from './click-breakdown/get-click-breakdown.handler';
import { ClickSeriesReader } from './click-series/click-series.reader';
import { ClickSeriesResolver } from './click-series/click-series.resolver';
import { FilteredSeriesReader } from './click-series/filtered-series.reader';
import { GetClickSeriesHandler } from './click-series/get-click-series.handler';
import { ClickBreakdownReader } from './click-breakdown/click-breakdown.reader';
import { ClickTotalsReader } from './click-totals/click-totals.reader';
import { ClickTotalsResolver } from './click-totals/click-totals.resolver';
import { FilteredTotalsReader } from './click-totals/filtered-totals.reader';
import { GetClickTotalsHandler } from './click-totals/get-click-totals.handler';
import { ExportBreakdownHttpController } from './export-clicks/export-breakdown.http.controller';
import { ExportClicksHttpController } from './export-clicks/export-clicks.http.controller';
import { AdsReader } from './shared/ads.reader';
import { FreshnessReader } from './shared/freshness.reader';
import { Timezones } from './shared/timezones';
import { GetTopAdsHandler } from './top-ads/get-top-ads.handler';
import { TopAdsReader } from './top-ads/top-ads.reader';
import { TopAdsResolver } from './top-ads/top-ads.resolver';

/**
 * The query side advertisers see: the ad catalog and click read models over GraphQL. It reads
 * PostgreSQL read models only, never the event log's events (the log is asked only how far
 * the projection is behind).
 */
@Module({
  controllers: [ExportClicksHttpController, ExportBreakdownHttpController],
  providers: [
    AdsReader,
    FreshnessReader,
    Timezones,
    AdTotalsLoader,
    AdvertiserLoader,
    AdsResolver,
    ClickSeriesReader,
    FilteredSeriesReader,
    GetClickSeriesHandler,
    ClickSeriesResolver,
    ClickTotalsReader,
    FilteredTotalsReader,
    ClickBreakdownReader,
    GetClickTotalsHandler,
    ClickTotalsResolver,
    TopAdsReader,
    GetTopAdsHandler,
    TopAdsResolver,
    GetClickBreakdownHandler,
    ClickBreakdownResolver,
  ],
})
export class ReportingModule {}
