import { Module } from '@nestjs/common';
import { AdsModule } from '@app/ads';
import { AppConfig } from '@app/config';
import { ClickMetrics } from './click-metrics';
import { ClickSigningKeys } from './click-signing-keys';
import { ImpressionMinter } from './mint-impressions/impression-minter';
import { MintImpressionsHttpController } from './mint-impressions/mint-impressions.http.controller';
import { RecordClickHandler } from './record-click/record-click.handler';
import { RecordClickHttpRoute } from './record-click/record-click.http-route';
import { ClickSpool } from './spool/click-spool';
import { acquireSpoolDirectory } from './spool/spool-directory';
import { SpoolReplayer } from './spool/spool-replayer';
import { DatacenterRanges } from './traffic-facts/datacenter-ranges';

/** The tracker's features: minting signed click links and recording clicks behind the redirect. */
@Module({
  imports: [AdsModule],
  controllers: [MintImpressionsHttpController],
  providers: [
    ClickMetrics,
    ClickSigningKeys,
    DatacenterRanges,
    ImpressionMinter,
    RecordClickHandler,
    RecordClickHttpRoute,
    {
      provide: ClickSpool,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ClickSpool =>
        new ClickSpool(acquireSpoolDirectory(config.get('DATA_DIR'))),
    },
    SpoolReplayer,
  ],
})
export class ClicksModule {}
