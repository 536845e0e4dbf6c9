import { type Kysely, sql } from 'kysely';
import type { Database } from '../adapters/db/database.js';
import type { EventStore, RecordedEvent } from '../domain/ports/event-store.js';
import { lockCheckpoint } from './checkpoint.js';
import { markResolved, messageChain, openFailures, recordFailure } from './failures.js';
import type { Projection } from './projection.js';
import { applyEvent } from './runner.js';

export interface ReplayOutcome {
  /** Events applied now (the poison event and what its stream held back behind it). */
  readonly resolved: number;
  /** Events still open: the stream failed again, or arrived while replaying. */
  readonly stillOpen: number;
  readonly errors: readonly { stream: string; position: string; error: string }[];
}

/**
 * The operator's way out after a fix (an upcaster, a projection bug fixed): applies every open
 * failure again, stream by stream in the stream's own order, under the checkpoint lock so no runner
 * applies anything in between. A stream stops at its first event that fails again.
 */
export async function replayProjectionFailures(
  db: Kysely<Database>,
  eventStore: EventStore,
  projections: readonly Projection[],
  filter: { tenantId?: string } = {},
): Promise<ReplayOutcome> {
  const open = (await openFailures(db)).filter(
    (row) => filter.tenantId === undefined || row.tenant_id === filter.tenantId,
  );
  const streams = [...new Set(open.map((row) => row.stream))];
  let resolved = 0;
  const errors: { stream: string; position: string; error: string }[] = [];
  for (const stream of streams) {
    // Read before the transaction: the event store may share PGlite's single connection.
    const byPosition = new Map<string, RecordedEvent>(
      (await eventStore.readStream(stream)).map((event) => [String(event.position), event]),
    );
    await db.transaction().execute(async (trx) => {
      await lockCheckpoint(trx);
      const rows = await trx
        .selectFrom('projection_failures')
        .select('position')
        .where('stream', '=', stream)
        .where('resolved_at', 'is', null)
        .orderBy('position')
        .execute();
      for (const row of rows) {
        const recorded = byPosition.get(String(row.position));
        if (recorded === undefined) break;
        await sql`savepoint replay_event`.execute(trx);
        try {
          await applyEvent(trx, projections, recorded);
          await sql`release savepoint replay_event`.execute(trx);
          await markResolved(trx, recorded.position);
          resolved += 1;
        } catch (error) {
          await sql`rollback to savepoint replay_event`.execute(trx);
          const message = error instanceof Error ? messageChain(error) : String(error);
          await recordFailure(trx, recorded, 'failed', message);
          errors.push({ stream, position: String(recorded.position), error: message });
          break;
        }
      }
    });
  }
  const stillOpen = (await openFailures(db)).filter(
    (row) => filter.tenantId === undefined || row.tenant_id === filter.tenantId,
  ).length;
  return { resolved, stillOpen, errors };
}
