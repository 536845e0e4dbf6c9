import { connectDatabase, migrateToLatest } from '../../src/adapters/db/connect.js';
import { PostgresEventStore } from '../../src/adapters/event-store/postgres-event-store.js';
import { createTestDatabase } from '../support/postgres.js';
import { eventStoreContract } from './event-store-contract.js';

eventStoreContract('PostgreSQL server (pg)', async () => {
  const database = await createTestDatabase();
  const db = await connectDatabase({ kind: 'postgres', url: database.url, poolSize: 12 });
  await migrateToLatest(db);
  const store = new PostgresEventStore(db, { pollIntervalMs: 20 });
  return {
    store,
    dispose: async () => {
      await store.close();
      await db.destroy();
      await database.drop();
    },
  };
});

eventStoreContract('PGlite (embedded)', async () => {
  const db = await connectDatabase({ kind: 'pglite' });
  await migrateToLatest(db);
  const store = new PostgresEventStore(db, { pollIntervalMs: 20 });
  return {
    store,
    dispose: async () => {
      await store.close();
      await db.destroy();
    },
  };
});
