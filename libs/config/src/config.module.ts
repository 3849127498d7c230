import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadEnv } from './load-env';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment once, at module creation, so a bad value stops the boot. */
  static forRoot(config: AppConfig = new AppConfig(loadEnv())): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
