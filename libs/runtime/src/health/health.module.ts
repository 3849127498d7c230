import { DynamicModule, Module, Type } from '@nestjs/common';
import { DatabaseReadinessCheck } from './database-readiness.check';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

@Module({})
export class HealthModule {
  /** `extraChecks` are providers exported by the app's feature modules. */
  static forRoot(extraChecks: Type<ReadinessCheck>[] = []): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        DatabaseReadinessCheck,
        {
          provide: READINESS_CHECKS,
          inject: [DatabaseReadinessCheck, ...extraChecks],
          useFactory: (...checks: ReadinessCheck[]) => checks,
        },
      ],
    };
  }
}
