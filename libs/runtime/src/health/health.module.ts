import { Module } from '@nestjs/common';
import { DatabaseReadinessCheck } from './database-readiness.check';
import { HealthController } from './health.controller';

/** GET /healthz and /readyz. Imported once per process, by the composition root. */
@Module({ controllers: [HealthController], providers: [DatabaseReadinessCheck] })
export class HealthModule {}
