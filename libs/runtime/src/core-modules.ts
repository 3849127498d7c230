import { DynamicModule, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EventStoreModule } from '@app/event-store';
import { TracingModule } from '@app/tracing';
import { MetricsModule } from './metrics/metrics.module';

/** The plumbing every composition root imports once: config, database, event store, metrics, tracing. */
export function coreModules(config: AppConfig): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(config),
    CqrsModule.forRoot(),
    DatabaseModule,
    EventStoreModule,
    MetricsModule.forRoot(config),
    TracingModule,
  ];
}
