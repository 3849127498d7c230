import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { RedirectWithoutAppendHandler } from './redirect-without-append.handler';
import { RedirectWithoutAppendHttpController } from './redirect-without-append.http.controller';
import { YardstickAds } from './yardstick-ads';

/**
 * Composed as the tracker app is (the same core modules and health endpoints, so the same
 * plumbing per process and per request), with the redirect-without-append in place of the
 * tracker's clicks feature.
 */
@Module({})
export class RedirectYardstickAppModule {
  static forRoot(config: AppConfig, ads: YardstickAds): DynamicModule {
    return {
      module: RedirectYardstickAppModule,
      imports: [...coreModules(config), HealthModule],
      controllers: [RedirectWithoutAppendHttpController],
      providers: [RedirectWithoutAppendHandler, { provide: YardstickAds, useValue: ads }],
    };
  }
}
