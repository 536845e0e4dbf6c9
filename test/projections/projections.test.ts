import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/database.js';
import { invoiceStream } from '../../src/domain/streams.js';
import { apiKeysProjection } from '../../src/projections/api-keys/api-keys-projection.js';
import { readCheckpoint } from '../../src/projections/checkpoint.js';
import { invoicesProjection } from '../../src/projections/invoices/invoices-projection.js';
import { ordersProjection } from '../../src/projections/orders/orders-projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { readModelSnapshot, rebuildReadModels } from '../../src/projections/rebuild.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import {
  appendEvent,
  appendScenario,
  backends,
  invoiceBooked,
  KEY_HASH,
  TENANT,
  type TestBackend,
} from './support.js';

const projections = [ordersProjection, invoicesProjection, apiKeysProjection];
const tables: (keyof Database)[] = ['orders', 'invoices', 'api_keys'];

describe.each(backends)('projections on %s', (_name, open) => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await open();
  });
  afterEach(async () => backend.dispose());

  const runner = (extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) =>
    new ProjectionRunner({
      db: backend.db,
      eventStore: backend.store,
      projections,
      pollIntervalMs: 10,
      ...extra,
    });

  const orders = () =>
    backend.db
      .selectFrom('orders')
      .select([
        'order_id',
        sql<string>`seq::text`.as('seq'),
        'status',
        'status_reason',
        'invoice_id',
        'customer_name',
      ])
      .orderBy('order_id')
      .execute();
  const invoices = () =>
    backend.db
      .selectFrom('invoices')
      .select(['invoice_id', 'order_id', 'number', 'status', 'status_reason', 'sent', 'booked', 'pdf_sha256'])
      .select([
        sql<string>`net::text`.as('net'),
        sql<string>`vat::text`.as('vat'),
        sql<string>`gross::text`.as('gross'),
      ])
      .orderBy('invoice_id')
      .execute();

  it('projects orders, invoices and API keys and checkpoints the last position', async () => {
    const last = await appendScenario(backend.store);
    // The API inserts the key row itself when it issues the key; the projection must tolerate it.
    await backend.db
      .insertInto('api_keys')
      .values({
        key_hash: KEY_HASH,
        key_id: 'key_1',
        tenant_id: TENANT,
        role: 'merchant',
        created_at: new Date(),
      })
      .execute();

    expect(await runner({ batchSize: 4 }).runUntilCaughtUp()).toBe(last);

    expect(await readCheckpoint(backend.db)).toBe(last);
    const orderRows = await orders();
    expect(orderRows.map(({ seq, ...row }) => row)).toEqual([
      {
        order_id: 'A',
        status: 'invoiced',
        status_reason: null,
        invoice_id: 'inv-A',
        customer_name: 'Sanne de Vries',
      },
      {
        order_id: 'B',
        status: 'invoiced',
        status_reason: null,
        invoice_id: 'inv-B',
        customer_name: 'Jansen B.V.',
      },
      {
        order_id: 'C',
        status: 'needs_attention',
        status_reason: 'invalid order: customer.vatId is not a valid VAT id; lines.0.vatRate is required',
        invoice_id: null,
        customer_name: 'Piet',
      },
    ]);
    expect(orderRows.map((r) => BigInt(r.seq))).toEqual([...orderRows.map((r) => BigInt(r.seq))].sort());
    expect(await invoices()).toEqual([
      {
        invoice_id: 'inv-A',
        order_id: 'A',
        number: 'VW-2026-000001',
        status: 'booked',
        status_reason: null,
        sent: true,
        booked: true,
        pdf_sha256: '1'.repeat(64),
        net: '20.62',
        vat: '4.33',
        gross: '24.95',
      },
      {
        invoice_id: 'inv-B',
        order_id: 'B',
        number: 'VW-2026-000002',
        status: 'needs_attention',
        status_reason: 'send: no buyer email',
        sent: false,
        booked: false,
        pdf_sha256: null,
        net: '20.62',
        vat: '4.33',
        gross: '24.95',
      },
    ]);
    const document = await backend.db
      .selectFrom('invoices')
      .select('document')
      .where('invoice_id', '=', 'inv-A')
      .executeTakeFirstOrThrow();
    expect(document.document).toMatchObject({ number: 'VW-2026-000001', totals: { gross: '24.95' } });
    expect(await backend.db.selectFrom('api_keys').select(['key_id', 'role']).execute()).toEqual([
      { key_id: 'key_1', role: 'merchant' },
    ]);
  });

  it('keeps a booked invoice booked when "sent" arrives after the booking', async () => {
    await appendScenario(backend.store);
    const stream = invoiceStream(TENANT, 'inv-B');
    await appendEvent(backend.store, stream, 'InvoiceBooked', invoiceBooked('inv-B'));
    await appendEvent(backend.store, stream, 'InvoiceSent', {
      invoiceId: 'inv-B',
      route: 'email',
      recipient: 'inkoop@jansen.example',
      messageId: '<m2@example>',
      sentAt: '2026-01-07T09:00:00.000Z',
    });
    await runner().runUntilCaughtUp();
    expect((await invoices())[1]).toMatchObject({
      status: 'booked',
      status_reason: null,
      sent: true,
      booked: true,
    });
  });

  it('rolls a failing batch back completely and retries with backoff until the handler recovers', async () => {
    const last = await appendScenario(backend.store);
    let broken = true;
    const failing: Projection = {
      name: 'failing',
      tables: [],
      async apply(_trx, event) {
        if (broken && event.type === 'InvoiceBooked') throw new Error('handler bug');
      },
    };
    const withFailing = [...projections, failing];

    await expect(runner({ projections: withFailing }).runUntilCaughtUp()).rejects.toThrow(
      /InvoiceBooked at position \d+ .* failed in projection failing/,
    );
    expect(await readCheckpoint(backend.db)).toBe(0n);
    expect(await orders()).toEqual([]);
    expect(await invoices()).toEqual([]);

    const errors: unknown[] = [];
    const live = runner({ projections: withFailing, onError: (e) => errors.push(e) });
    live.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Backoff 20, 40, 80, 160 ms…: a handful of attempts, not a spin.
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeLessThanOrEqual(8);
    expect(await readCheckpoint(backend.db)).toBe(0n);

    broken = false;
    await live.waitForPosition(last, 10_000);
    await live.stop();
    expect((await invoices()).map((i) => i.status)).toEqual(['booked', 'needs_attention']);
  });

  it('rebuilds read models identical to the live ones', async () => {
    const live = runner();
    live.start();
    const last = await appendScenario(backend.store);
    await live.waitForPosition(last, 10_000);
    await live.stop();
    const before = await readModelSnapshot(backend.db, tables);
    expect(before.tables.orders).toHaveLength(3);

    expect(await rebuildReadModels(backend.db, backend.store, projections)).toBe(last);

    const after = await readModelSnapshot(backend.db, tables);
    expect(after.tables).toEqual(before.tables);
    expect(after.sha256).toBe(before.sha256);
  });

  it('waitForPosition rejects when the read models do not get there in time', async () => {
    const last = await appendScenario(backend.store);
    await expect(runner().waitForPosition(last, 50)).rejects.toThrow(/did not reach position/);
  });
});
