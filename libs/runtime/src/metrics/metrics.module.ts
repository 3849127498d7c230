import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ReadinessRegistry } from '../health/readiness-registry';
import { MetricsController } from './metrics.controller';

/**
 * Observability plumbing every feature may use: one Prometheus registry per application
 * instance (not prom-client's global one, so app instances never clash on metric names) and
 * the readiness registry.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: (): Registry => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    ReadinessRegistry,
  ],
  exports: [Registry, ReadinessRegistry],
})
export class MetricsModule {}
