import { DynamicModule, Module } from '@nestjs/common';
import { AdsGraphqlModule, AdsHttpModule } from '@app/ads';
import { AdvertisersGraphqlModule, AdvertisersHttpModule } from '@app/advertisers';
import { ClicksModule } from '@app/clicks';
import { AppConfig } from '@app/config';
import { GraphqlApiModule } from '@app/graphql';
import { OperationsGraphqlModule, ProjectorRpcModule } from '@app/operations';
import { ProjectorModule } from '@app/projections';
import { ReportingModule } from '@app/reporting';
import { coreModules, DashboardModule, HealthModule } from '@app/runtime';

/**
 * `npm start`: tracker, projector and API in one process, on one port, sharing one database
 * pool. The same feature modules as apps/tracker, apps/projector and apps/api (listed here, as
 * no app imports another).
 */
@Module({})
export class AllInOneAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AllInOneAppModule,
      imports: [
        ...coreModules(config),
        HealthModule,
        // tracker
        ClicksModule,
        // projector
        ProjectorModule,
        ProjectorRpcModule,
        // api
        AdvertisersHttpModule,
        AdsHttpModule,
        GraphqlApiModule,
        AdvertisersGraphqlModule,
        AdsGraphqlModule,
        ReportingModule,
        OperationsGraphqlModule,
        DashboardModule,
      ],
    };
  }
}
