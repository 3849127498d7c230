import { EventStoreDbEventStore } from '@app/event-store';
import { eventStoreContract } from './event-store.contract';

// EventStoreDB cannot be installed on the machines that run CI here (no package, no Docker).
// The same contract runs against a real server wherever EVENTSTORE_URL points at one, e.g.
// `docker compose up -d eventstore` then EVENTSTORE_URL=esdb://localhost:2113?tls=false npm test.
const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(url);
    return { store, close: () => store.close() };
  });
} else {
  describe('EventStore contract: EventStoreDB', () => {
    it.skip('runs only where EVENTSTORE_URL points at an EventStoreDB/KurrentDB server', () =>
      undefined);
  });
}
