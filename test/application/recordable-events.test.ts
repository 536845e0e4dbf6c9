import { describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../src/adapters/db/connect.js';
import { PostgresEventStore } from '../../src/adapters/event-store/postgres-event-store.js';
import { assignDocumentNumber } from '../../src/application/assign-number.js';
import { AggregateStateCache, handleCommand } from '../../src/application/command-handler.js';
import { KeyedMutex } from '../../src/application/keyed-mutex.js';
import type { DocumentCheck } from '../../src/domain/ports/document-check.js';
import type { Decider } from '../../src/domain/shared/decider.js';
import { ValidationError } from '../../src/domain/shared/errors.js';
import { invoiceSeriesStream } from '../../src/domain/streams.js';
import { sellerSettingsSchema } from '../../src/domain/tenant/seller-settings.js';
import { domesticMixedRates } from '../fixtures/invoices/domestic-mixed-rates.js';
import { SELLER } from '../support/test-stack.js';

const openStore = async () => {
  const db = await connectDatabase({ kind: 'pglite' });
  await migrateToLatest(db);
  return { db, store: new PostgresEventStore(db, { pollIntervalMs: 10 }) };
};

describe('nothing is appended that would fail its own schema', () => {
  it('refuses a decided event with invalid data before the append, naming the fields', async () => {
    const { db, store } = await openStore();
    // A decider with a bug: it emits a received order without its order.
    const buggy: Decider<{ type: 'Go' }, { type: 'OrderReceived'; data: unknown }, null> = {
      initialState: null,
      decide: () => [
        { type: 'OrderReceived', data: { tenantId: 't', orderId: 'o', receivedAt: 'yesterday' } },
      ],
      evolve: (state) => state,
    };
    const attempt = handleCommand(store, 'order-t-o', buggy, { type: 'Go' }, { commandId: 'go' });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: expect.arrayContaining([
        { field: 'order', message: expect.any(String) },
        { field: 'receivedAt', message: expect.any(String) },
      ]),
    });
    expect(await store.readStream('order-t-o')).toEqual([]);
    await store.close();
    await db.destroy();
  });
});

describe('a number is assigned only to a document that passed every check', () => {
  it('refuses before numbering when the e-invoice rules refuse, and the next document gets the next number', async () => {
    const { db, store } = await openStore();
    const refusing = new Set(['inv-bad']);
    const documentCheck: DocumentCheck = {
      check: async (document) =>
        refusing.has(document.invoiceId)
          ? [{ field: 'BR-CL-03', message: 'currencyID MUST be ISO 4217' }]
          : [],
    };
    const deps = {
      eventStore: store,
      streamCache: new AggregateStateCache(),
      streamLock: new KeyedMutex(),
      documentCheck,
    };
    const seller = sellerSettingsSchema.parse(SELLER);
    const assign = (documentId: string) =>
      assignDocumentNumber(deps, {
        tenantId: 't1',
        documentId,
        kind: 'invoice',
        issueDate: '2026-11-20',
        issuedAt: new Date('2026-11-20T10:00:00Z'),
        seller,
        document: { ...domesticMixedRates, invoiceId: documentId },
      });

    await expect(assign('inv-bad')).rejects.toMatchObject({
      errors: [{ field: 'BR-CL-03', message: 'currencyID MUST be ISO 4217' }],
    });
    expect(await assign('inv-good')).toMatch(/000001$/);
    // Once taken, a number is answered again without checking: it can never turn into a gap.
    refusing.add('inv-good');
    expect(await assign('inv-good')).toMatch(/000001$/);
    const assigned = await store.readStream(invoiceSeriesStream('t1', 'invoice-2026'));
    expect(assigned.map((e) => (e.data as { invoiceId: string }).invoiceId)).toEqual(['inv-good']);
    await store.close();
    await db.destroy();
  });
});
