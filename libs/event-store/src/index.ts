export { backoffDelay, sleep } from './backoff';
export { EventStoreModule } from './event-store.module';
export { EventStore } from './event-store.port';
export * from './event-store.types';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { PostgresEventStore, PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { EventRejected } from './event-rejected.error';
