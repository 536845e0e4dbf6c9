import type { Db } from '../adapters/db/database.js';
import type { EventStore } from '../domain/ports/event-store.js';
import type { Clock, IdGenerator } from '../domain/shared/clock.js';

/** What the application services need; composition roots (src/main) build it. */
export interface AppDependencies {
  readonly eventStore: EventStore;
  /** Read models and operational tables (API keys, idempotency keys). */
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
