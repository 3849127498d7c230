import { Global, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { Pool } from 'pg';
import { ClickDiscardingEventStore } from './click-discarding-event-store';

/** Binds the EventStore port, in place of the product's EventStoreModule, to the discarding log. */
@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      inject: [Pool],
      useFactory: (pool: Pool): EventStore => new ClickDiscardingEventStore(pool),
    },
  ],
  exports: [EventStore],
})
export class ClickDiscardingEventStoreModule implements OnModuleDestroy {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  /** As the product's module does: stop the log's readers before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }
}
