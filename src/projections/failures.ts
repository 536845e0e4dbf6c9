import { sql, type Transaction } from 'kysely';
import { ZodError } from 'zod';
import type { Database, DbOrTrx } from '../adapters/db/database.js';
import type { ProjectionFailureRow } from '../adapters/db/tables/projection-failures.js';
import type { RecordedEvent } from '../domain/ports/event-store.js';
import { tenantOfInvoiceStream } from '../domain/streams.js';

/**
 * Poison events: one event that cannot be applied must not stop the read models of every tenant.
 * It is recorded here instead, and the rest of its stream is held back behind it (a stream's events
 * only make sense in order); every other stream goes on. Its tenant is "degraded" until an operator
 * replays the stream after the fix.
 */

/** Whose read models the event belongs to: from its metadata, else its data, else its stream name. */
const tenantOf = (recorded: RecordedEvent): string | null => {
  const data = (recorded.data ?? {}) as {
    tenantId?: unknown;
    invoiceId?: unknown;
    invoice?: { tenantId?: unknown };
  };
  const candidates = [recorded.metadata.tenantId, data.tenantId, data.invoice?.tenantId];
  const known = candidates.find((candidate): candidate is string => typeof candidate === 'string');
  if (known !== undefined) return known;
  return typeof data.invoiceId === 'string'
    ? (tenantOfInvoiceStream(recorded.stream, data.invoiceId) ?? null)
    : null;
};

export async function openFailureStreams(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db
    .selectFrom('projection_failures')
    .select('stream')
    .distinct()
    .where('resolved_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.stream));
}

export async function recordFailure(
  trx: Transaction<Database>,
  recorded: RecordedEvent,
  kind: 'failed' | 'held_back',
  error: string,
): Promise<void> {
  await trx
    .insertInto('projection_failures')
    .values({
      position: String(recorded.position),
      stream: recorded.stream,
      event_type: recorded.type,
      tenant_id: tenantOf(recorded),
      kind,
      error,
      resolved_at: null,
    })
    .onConflict((oc) =>
      oc.column('position').doUpdateSet({
        kind,
        error,
        attempts: sql`projection_failures.attempts + 1`,
        resolved_at: null,
      }),
    )
    .execute();
}

export async function markResolved(trx: Transaction<Database>, position: bigint): Promise<void> {
  await trx
    .updateTable('projection_failures')
    .set({ resolved_at: sql`now()` })
    .where('position', '=', String(position))
    .execute();
}

export async function openFailures(db: DbOrTrx): Promise<ProjectionFailureRow[]> {
  return db
    .selectFrom('projection_failures')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('position')
    .execute();
}

export interface ProjectionHealth {
  readonly openFailures: number;
  readonly degradedTenants: readonly string[];
}

export async function projectionHealth(db: DbOrTrx): Promise<ProjectionHealth> {
  const rows = await db
    .selectFrom('projection_failures')
    .select(['tenant_id', sql<string>`count(*)::text`.as('count')])
    .where('resolved_at', 'is', null)
    .groupBy('tenant_id')
    .execute();
  return {
    openFailures: rows.reduce((sum, row) => sum + Number(row.count), 0),
    degradedTenants: rows.map((row) => row.tenant_id ?? '(none)').sort(),
  };
}

/**
 * Errors of the database connection or of concurrency say nothing about the event: the batch is
 * rolled back and tried again rather than the event being declared poison (SQLSTATE classes 08
 * connection, 40 rollback, 53 resources, 57 operator intervention, 55P03 lock not available).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(08|40|53|57)|^55P03$/.test(code)) return true;
    if (/Connection terminated|ECONNRESET|ECONNREFUSED|connection is closed/i.test(current.message))
      return true;
  }
  return false;
}

/** The error with its causes, for the operator reading the failure list; schema errors one line each. */
export const messageChain = (error: Error): string => {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current instanceof ZodError ? schemaIssues(current) : current.message);
  }
  return parts.join(': ').slice(0, 4_000);
};

const schemaIssues = (error: ZodError): string => {
  const shown = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`);
  const more = error.issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
};
