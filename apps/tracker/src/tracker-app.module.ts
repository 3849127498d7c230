import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { TRACKER_FEATURES } from './tracker.features';

@Module({})
export class TrackerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TrackerAppModule,
      imports: [...coreModules(config), HealthModule, ...TRACKER_FEATURES],
    };
  }
}
