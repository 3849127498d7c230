import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AdvertisersModule } from '@app/advertisers';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { PROJECTOR_FEATURES } from './projector.features';

@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        ...coreModules(config),
        // Every route, operation and message pattern needs a key unless it says @Public().
        AccessModule.forRoot({ apiKeys: AdvertisersModule }),
        HealthModule,
        ...PROJECTOR_FEATURES,
      ],
    };
  }
}
