import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { PROJECTOR_FEATURES } from './projector.features';

@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [...coreModules(config), HealthModule, ...PROJECTOR_FEATURES],
    };
  }
}
