import { EventStoreDbEventStore } from '../../src/adapters/event-store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store-contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING ?? '';
const skipReason =
  connectionString === ''
    ? 'EVENTSTORE_CONNECTION_STRING is not set; set it (e.g. esdb://localhost:2113?tls=false) to run against EventStoreDB'
    : undefined;
if (skipReason !== undefined) console.warn(`EventStoreDB contract suite skipped: ${skipReason}`);

eventStoreContract(
  'EventStoreDB',
  async () => {
    const store = new EventStoreDbEventStore(connectionString);
    return { store, dispose: () => store.close() };
  },
  skipReason === undefined ? {} : { skipReason },
);
