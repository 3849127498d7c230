import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ReadinessRegistry } from '../health/readiness-registry';
import { METRICS_LISTEN } from './metrics-listen';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';

/**
 * Observability plumbing every feature may use: one Prometheus registry per application
 * instance (not prom-client's global one, so app instances never clash on metric names) and
 * the readiness registry. `/metrics` is served on the app's own port, or with METRICS_PORT set
 * on that port alone.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const port = config.get('METRICS_PORT');
    const ownPort =
      port === undefined
        ? { controllers: [MetricsController], providers: [] }
        : {
            controllers: [],
            providers: [
              {
                provide: METRICS_LISTEN,
                useValue: { port, host: config.get('METRICS_HOST') ?? config.get('HOST') },
              },
              MetricsServer,
            ],
          };
    return {
      module: MetricsModule,
      controllers: ownPort.controllers,
      providers: [
        {
          provide: Registry,
          useFactory: (): Registry => {
            const registry = new Registry();
            // Node's and the process's own metrics keep their standard names (process_*,
            // nodejs_*), which the usual dashboards expect; the product's carry clickstream_.
            collectDefaultMetrics({ register: registry });
            // prom-client names three gauges like counters (`promtool check metrics` refuses
            // them); the per-type gauges without the suffix say the same.
            for (const name of [
              'nodejs_active_handles_total',
              'nodejs_active_requests_total',
              'nodejs_active_resources_total',
            ])
              registry.removeSingleMetric(name);
            return registry;
          },
        },
        ReadinessRegistry,
        ...ownPort.providers,
      ],
      exports: [Registry, ReadinessRegistry],
    };
  }
}
