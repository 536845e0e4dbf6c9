import type { Transaction } from 'kysely';
import type { Database } from '../adapters/db/database.js';
import type { AnyDomainEvent } from '../domain/events.js';
import type { RecordedEvent } from '../domain/ports/event-store.js';

/**
 * Turns events into read-model rows. `apply` runs inside the runner's batch transaction: it must
 * only use `trx` (on PGlite the single connection is held by that transaction).
 */
export interface Projection {
  readonly name: string;
  /** The tables this projection owns; a rebuild empties them before replaying. */
  readonly tables: readonly (keyof Database)[];
  apply(trx: Transaction<Database>, event: AnyDomainEvent, recorded: RecordedEvent): Promise<void>;
}
