import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { tracingEnabled } from '@app/tracing';
import { Pool } from 'pg';
import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { TracedEventStore } from './traced-event-store';

@Injectable()
class EventStoreLifecycle implements OnModuleDestroy {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  /** Flushes queued appends while the database is still there (it closes on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }
}

/** Binds the EventStore port: EventStoreDB when EVENTSTORE_URL is set, else the PostgreSQL log. */
@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      inject: [AppConfig, Pool],
      useFactory: (config: AppConfig, pool: Pool): EventStore => {
        const url = config.get('EVENTSTORE_URL');
        const logger = new Logger('EventStore');
        if (url) {
          logger.log('using EventStoreDB (EVENTSTORE_URL)');
          const store = EventStoreDbEventStore.fromConnectionString(url);
          return tracingEnabled() ? new TracedEventStore(store, 'eventstoredb') : store;
        }
        logger.log('using the PostgreSQL events table');
        const store = new PostgresEventStore(pool);
        return tracingEnabled() ? new TracedEventStore(store, 'postgresql') : store;
      },
    },
    EventStoreLifecycle,
  ],
  exports: [EventStore],
})
export class EventStoreModule {}
