import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { EventStore } from '../domain/ports/event-store.js';
import type { Clock } from '../domain/shared/clock.js';
import { readCheckpoint } from '../projections/checkpoint.js';
import { projectionHealth } from '../projections/failures.js';

/** How far the read models trail the event log, in time: the same measure for every event store. */
export interface ReadModelLag {
  readonly checkpoint: string;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  readonly lagMs: number;
  readonly openFailures: number;
  readonly degradedTenants: readonly string[];
}

export async function readModelLag(deps: {
  db: Db;
  eventStore: EventStore;
  clock: Clock;
}): Promise<ReadModelLag> {
  const checkpoint = (await readCheckpoint(deps.db)) ?? 0n;
  const [next] = await deps.eventStore.readAll({ after: checkpoint, limit: 1 });
  const lagMs = next === undefined ? 0 : Math.max(0, deps.clock.now().getTime() - next.recordedAt.getTime());
  const health = await projectionHealth(deps.db);
  return { checkpoint: String(checkpoint), lagMs, ...health };
}

/** Orders per status over all tenants: the "needs a person" queue an operator alerts on. */
export async function orderStatusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['status', sql<string>`count(*)::text`.as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
