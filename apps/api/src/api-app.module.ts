import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { API_FEATURES } from './api.features';

@Module({})
export class ApiAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [...coreModules(config), HealthModule, ...API_FEATURES],
    };
  }
}
