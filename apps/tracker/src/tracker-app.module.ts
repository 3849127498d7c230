import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AdvertisersModule } from '@app/advertisers';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { TRACKER_FEATURES } from './tracker.features';

@Module({})
export class TrackerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TrackerAppModule,
      imports: [
        ...coreModules(config),
        // Every route, operation and message pattern needs a key unless it says @Public().
        AccessModule.forRoot({ apiKeys: AdvertisersModule }),
        HealthModule,
        ...TRACKER_FEATURES,
      ],
    };
  }
}
