import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { connectDatabase, migrateToLatest } from '../../src/adapters/db/connect.js';
import type { Database } from '../../src/adapters/db/database.js';
import { PostgresEventStore } from '../../src/adapters/event-store/postgres-event-store.js';
import { type InvoiceDocument, invoiceDocumentSchema } from '../../src/domain/invoice/invoice-document.js';
import type { Order } from '../../src/domain/order/order.js';
import { invoiceStream, orderStream, tenantStream } from '../../src/domain/streams.js';
import { createTestDatabase } from '../support/postgres.js';

export interface TestBackend {
  readonly db: Kysely<Database>;
  readonly store: PostgresEventStore;
  /** Set for the PostgreSQL server, so a test can open more connections (a second worker). */
  readonly url: string | undefined;
  readonly dispose: () => Promise<void>;
}

export async function openPglite(): Promise<TestBackend> {
  const db = await connectDatabase({ kind: 'pglite' });
  await migrateToLatest(db);
  return { db, store: new PostgresEventStore(db), url: undefined, dispose: () => db.destroy() };
}

export async function openPostgres(): Promise<TestBackend> {
  const database = await createTestDatabase();
  const db = await connectDatabase({ kind: 'postgres', url: database.url });
  await migrateToLatest(db);
  return {
    db,
    store: new PostgresEventStore(db),
    url: database.url,
    dispose: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}

export const backends = [
  ['PGlite', openPglite],
  ['PostgreSQL', openPostgres],
] as const;

export async function appendEvent(store: PostgresEventStore, stream: string, type: string, data: unknown) {
  const result = await store.append(
    stream,
    [{ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } }],
    'any',
  );
  return result.position;
}

const address = { street: 'Dorpsstraat 12', postalCode: '3511 AB', city: 'Utrecht', countryCode: 'NL' };

export function buildOrder(externalId: string, customer: { name: string; companyName?: string }): Order {
  return {
    externalId,
    channel: 'api',
    orderedAt: '2026-01-05T10:00:00+01:00',
    currency: 'EUR',
    pricesIncludeVat: false,
    customer: { ...customer, address },
    lines: [
      {
        description: 'Koffiebonen 1 kg',
        quantity: '1',
        unitPrice: '20.62',
        vatRate: '21',
        supplyType: 'goods',
      },
    ],
  };
}

/** A one-line 21 % invoice: 20.62 + 4.33 VAT = 24.95; validated so a wrong builder fails here, not in the runner. */
export function buildInvoice(ids: { tenantId: string; orderId: string; invoiceId: string; number: string }) {
  const document: InvoiceDocument = {
    ...ids,
    type: 'invoice',
    issueDate: '2026-01-06',
    supplyDate: '2026-01-05',
    currency: 'EUR',
    language: 'nl',
    seller: {
      name: 'Voorbeeld Webwinkel B.V.',
      vatId: 'NL859999999B01',
      kvk: '12345678',
      iban: 'NL91ABNA0417164300',
      email: 'facturen@voorbeeld.example',
      address: { street: 'Keizersgracht 100', postalCode: '1015 CV', city: 'Amsterdam', countryCode: 'NL' },
    },
    buyer: { name: 'Sanne de Vries', address },
    deliveryAddress: address,
    buyerReference: '',
    orderReference: ids.orderId,
    channel: 'api',
    lines: [
      {
        id: '1',
        description: 'Koffiebonen 1 kg',
        quantity: '1',
        unitCode: 'H87',
        unitPrice: '20.62',
        net: '20.62',
        vatCategory: 'S',
        vatRate: '21',
        supplyType: 'goods',
      },
    ],
    allowancesCharges: [],
    vatBreakdown: [
      {
        category: 'S',
        rate: '21',
        taxable: '20.62',
        vat: '4.33',
        reporting: { kind: 'nl-return', box: '1a' },
      },
    ],
    totals: {
      lineNet: '20.62',
      allowances: '0.00',
      charges: '0.00',
      net: '20.62',
      vat: '4.33',
      gross: '24.95',
      prepaid: '24.95',
      payable: '0.00',
    },
    payment: { status: 'paid', method: 'ideal', meansCode: '48' },
    notes: [],
  };
  return invoiceDocumentSchema.parse(document);
}

export const TENANT = 'tenant_voorbeeld';
export const KEY_HASH = 'a'.repeat(64);
const at = '2026-01-06T09:00:00.000Z';
const sha = (c: string) => c.repeat(64);

export const invoiceBooked = (invoiceId: string) => ({
  invoiceId,
  bookingDate: '2026-01-06',
  journal: 'sales',
  lines: [
    { account: 'BVorDebHad', accountName: 'Debiteuren', debit: '24.95', credit: '0.00' },
    { account: 'WOmzNohOlh', accountName: 'Omzet', debit: '0.00', credit: '20.62' },
    { account: 'BSchBepBtwOla', accountName: 'Btw', debit: '0.00', credit: '4.33' },
  ],
  bookedAt: at,
});

/**
 * A tenant with an API key, orders A, B, C; A and B invoiced, A's invoice rendered, sent and booked,
 * B's invoice flagged, C needing attention; plus events no projection handles. Returns the last position.
 */
export async function appendScenario(store: PostgresEventStore): Promise<bigint> {
  const tenant = tenantStream(TENANT);
  await appendEvent(store, tenant, 'TenantCreated', { tenantId: TENANT, name: 'Voorbeeld', createdAt: at });
  await appendEvent(store, tenant, 'ApiKeyIssued', {
    tenantId: TENANT,
    keyId: 'key_1',
    keyHash: KEY_HASH,
    role: 'merchant',
    issuedAt: at,
  });
  const customers = {
    A: { name: 'Sanne de Vries' },
    B: { name: 'M. Jansen', companyName: 'Jansen B.V.' },
    C: { name: 'Piet' },
  };
  for (const [id, customer] of Object.entries(customers)) {
    await appendEvent(store, orderStream(TENANT, id), 'OrderReceived', {
      tenantId: TENANT,
      orderId: id,
      order: buildOrder(`ext-${id}`, customer),
      receivedAt: at,
    });
  }
  for (const [orderId, invoiceId, number] of [
    ['A', 'inv-A', 'VW-2026-000001'],
    ['B', 'inv-B', 'VW-2026-000002'],
  ] as const) {
    await appendEvent(store, 'invoiceseries-tenant_voorbeeld-2026', 'InvoiceNumberAssigned', {
      tenantId: TENANT,
      seriesKey: '2026',
      invoiceId,
      sequence: Number(number.slice(-1)),
      number,
      assignedAt: at,
    });
    await appendEvent(store, invoiceStream(TENANT, invoiceId), 'InvoiceIssued', {
      invoice: buildInvoice({ tenantId: TENANT, orderId, invoiceId, number }),
      issuedAt: at,
    });
  }
  const invoiceA = invoiceStream(TENANT, 'inv-A');
  await appendEvent(store, invoiceA, 'InvoiceDocumentsRendered', {
    invoiceId: 'inv-A',
    pdf: { sha256: sha('1'), bytes: 1000 },
    ubl: { sha256: sha('2'), bytes: 2000, customizationId: 'urn:cen.eu:en16931:2017' },
    renderedAt: at,
  });
  await appendEvent(store, invoiceA, 'InvoiceSent', {
    invoiceId: 'inv-A',
    route: 'email',
    recipient: 'sanne@example.nl',
    messageId: '<m1@example>',
    sentAt: at,
  });
  await appendEvent(store, invoiceA, 'InvoiceBooked', invoiceBooked('inv-A'));
  await appendEvent(store, invoiceStream(TENANT, 'inv-B'), 'InvoiceNeedsAttention', {
    invoiceId: 'inv-B',
    step: 'send',
    reason: 'no buyer email',
    at,
  });
  await appendEvent(store, 'misc-1', 'SomethingFromTheFuture', { anything: true });
  return appendEvent(store, orderStream(TENANT, 'C'), 'OrderNeedsAttention', {
    tenantId: TENANT,
    orderId: 'C',
    reason: 'invalid order',
    errors: [
      { field: 'customer.vatId', message: 'is not a valid VAT id' },
      { field: 'lines.0.vatRate', message: 'is required' },
    ],
    at,
  });
}
