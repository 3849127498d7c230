import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AdvertisersModule } from '@app/advertisers';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { API_FEATURES } from './api.features';

@Module({})
export class ApiAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        ...coreModules(config),
        // Every route, operation and message pattern needs a key unless it says @Public().
        AccessModule.forRoot({ apiKeys: AdvertisersModule }),
        HealthModule,
        ...API_FEATURES,
      ],
    };
  }
}
