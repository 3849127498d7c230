import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase } from '@app/testing';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('contract');
  const store = new PostgresEventStore(db.pool);
  return {
    store,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
});
