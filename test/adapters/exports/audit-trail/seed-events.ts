import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../../src/adapters/db/database.js';
import type { EventStore } from '../../../../src/domain/ports/event-store.js';

export const TENANT = 'tenant-acme';
export const OTHER_TENANT = 'tenant-other';
export const FROM = new Date('2026-01-01T00:00:00.000Z');
export const TO = new Date('2027-01-01T00:00:00.000Z');

/** Event data with what JSON hashing must survive: non-ASCII, escapes, nesting, numbers, nulls. */
const invoiceData = (index: number) => ({
  invoiceId: `inv-${index}`,
  number: `F2026-${String(index).padStart(4, '0')}`,
  buyer: {
    name: ['Jan de Vries', 'Anna Müller & Söhne', 'Ελληνική Α.Ε.', 'Zoë "Zo" 😀'][index % 4],
    vatId: null,
  },
  lines: [
    { description: 'Fietsbel\tchroom', quantity: 2, unitPrice: '12.50', vatRate: '21' },
    { description: 'Boek <paperback>', quantity: 1, unitPrice: '19.95', vatRate: '9' },
  ],
  totals: { net: '44.95', vat: '7.05', gross: '52.00' },
  paid: index % 3 === 0,
  ratio: 0.1 + index / 7,
  // Values whose JSON text has spellings that parse to the same value: \u001f vs \u001F, 1e+21 vs 1E+21.
  note: `unit separator \u001f in line ${index}`,
  huge: 1e21 * (index + 1),
});

/**
 * Appends `count` events for TENANT in streams of `perStream`, interleaved with events of another tenant and
 * system events without a tenant (all of which the export must leave out). Random ids, as in production.
 */
export async function seedEvents(store: EventStore, count: number, perStream = 4): Promise<void> {
  for (let first = 0; first < count; first += perStream) {
    const indexes = Array.from({ length: Math.min(perStream, count - first) }, (_, i) => first + i);
    await store.append(
      `invoice-${TENANT}-${first}`,
      indexes.map((index) => ({
        id: randomUUID(),
        type: index % perStream === 0 ? 'InvoiceIssued' : 'InvoiceMailed',
        data: invoiceData(index),
        metadata: { tenantId: TENANT, schemaVersion: 1 },
      })),
      'no_stream',
    );
    await store.append(
      `invoice-${OTHER_TENANT}-${first}`,
      [
        {
          id: randomUUID(),
          type: 'InvoiceIssued',
          data: invoiceData(first),
          metadata: { tenantId: OTHER_TENANT, schemaVersion: 1 },
        },
      ],
      'no_stream',
    );
  }
  await store.append(
    'system-migrations',
    [{ id: randomUUID(), type: 'Migrated', data: {}, metadata: {} }],
    'any',
  );
}

/** Spreads recordedAt over 2026 (one hour per position) so the range filter has something to cut. */
export async function spreadRecordedAt(db: Kysely<Database>): Promise<void> {
  await sql`update events set recorded_at = ${FROM.toISOString()}::timestamptz + position * interval '1 hour'`.execute(
    db,
  );
}

export async function setRecordedAt(
  db: Kysely<Database>,
  eventIndexOfTenant: number,
  at: Date,
): Promise<void> {
  await sql`
    update events set recorded_at = ${at.toISOString()}::timestamptz
    where position = (
      select position from events where metadata->>'tenantId' = ${TENANT}
      order by position offset ${eventIndexOfTenant} limit 1
    )`.execute(db);
}
