import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/database.js';
import { invoiceStream, orderStream } from '../../src/domain/streams.js';
import { apiKeysProjection } from '../../src/projections/api-keys/api-keys-projection.js';
import { readCheckpoint } from '../../src/projections/checkpoint.js';
import { openFailures, projectionHealth } from '../../src/projections/failures.js';
import { invoicesProjection } from '../../src/projections/invoices/invoices-projection.js';
import { ordersProjection } from '../../src/projections/orders/orders-projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { readModelSnapshot, rebuildReadModels } from '../../src/projections/rebuild.js';
import { replayProjectionFailures } from '../../src/projections/replay-failures.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import {
  appendEvent,
  appendScenario,
  backends,
  buildOrder,
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

  it('rolls a batch back completely on a database error and retries with backoff until it recovers', async () => {
    const last = await appendScenario(backend.store);
    let broken = true;
    // A serialization failure (SQLSTATE 40001) says nothing about the event: the batch is retried.
    const flaky: Projection = {
      name: 'flaky',
      tables: [],
      async apply(_trx, event) {
        if (broken && event.type === 'InvoiceBooked') {
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        }
      },
    };
    const withFlaky = [...projections, flaky];

    await expect(runner({ projections: withFlaky }).runUntilCaughtUp()).rejects.toThrow(
      /InvoiceBooked at position \d+ .* failed in projection flaky/,
    );
    expect(await readCheckpoint(backend.db)).toBe(0n);
    expect(await orders()).toEqual([]);
    expect(await invoices()).toEqual([]);
    expect(await openFailures(backend.db)).toEqual([]);

    const errors: unknown[] = [];
    const live = runner({ projections: withFlaky, onError: (e) => errors.push(e) });
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

  it('records a poison event, holds back the rest of its stream, goes on with every other stream, and replays after the fix', async () => {
    const last = await appendScenario(backend.store);
    // An event of another tenant after the poison one: it must not wait for anybody.
    const otherTenant = 'tenant_ander';
    const otherOrder = await appendEvent(backend.store, orderStream(otherTenant, 'X'), 'OrderReceived', {
      tenantId: otherTenant,
      orderId: 'X',
      order: buildOrder('ext-X', { name: 'Kees' }),
      receivedAt: '2026-01-05T10:00:00.000Z',
    });
    let broken = true;
    const buggy: Projection = {
      name: 'buggy',
      tables: [],
      async apply(_trx, event) {
        if (broken && event.type === 'InvoiceIssued' && event.data.invoice.invoiceId === 'inv-A') {
          throw new Error('handler bug');
        }
      },
    };
    const poisoned: string[] = [];
    const live = runner({
      projections: [...projections, buggy],
      onPoison: ({ recorded }) => poisoned.push(`${recorded.type}@${recorded.stream}`),
    });
    expect(await live.runUntilCaughtUp()).toBe(otherOrder);
    expect(otherOrder).toBeGreaterThan(last);

    // Invoice A's stream stops at its first event; B, the orders and the other tenant go on.
    expect(poisoned).toEqual([`InvoiceIssued@${invoiceStream(TENANT, 'inv-A')}`]);
    const failures = await openFailures(backend.db);
    expect(failures.map((f) => [f.event_type, f.kind, f.tenant_id])).toEqual([
      ['InvoiceIssued', 'failed', TENANT],
      ['InvoiceDocumentsRendered', 'held_back', TENANT],
      ['InvoiceSent', 'held_back', TENANT],
      ['InvoiceBooked', 'held_back', TENANT],
    ]);
    expect(failures[0]!.error).toContain('handler bug');
    expect((await invoices()).map((i) => i.invoice_id)).toEqual(['inv-B']);
    expect((await orders()).map((o) => o.order_id)).toEqual(['A', 'B', 'C', 'X']);
    expect(await projectionHealth(backend.db)).toEqual({ openFailures: 4, degradedTenants: [TENANT] });

    // Replaying before the fix changes nothing and says why.
    const again = await replayProjectionFailures(backend.db, backend.store, [...projections, buggy]);
    expect(again).toMatchObject({ resolved: 0, stillOpen: 4 });
    expect(again.errors[0]!.error).toContain('handler bug');

    broken = false;
    const replayed = await replayProjectionFailures(backend.db, backend.store, [...projections, buggy]);
    expect(replayed).toEqual({ resolved: 4, stillOpen: 0, errors: [] });
    expect(await projectionHealth(backend.db)).toEqual({ openFailures: 0, degradedTenants: [] });
    const afterReplay = await readModelSnapshot(backend.db, tables);

    // The replayed read models are exactly what a clean run gives.
    await rebuildReadModels(backend.db, backend.store, projections);
    expect((await readModelSnapshot(backend.db, tables)).tables).toEqual(afterReplay.tables);
    expect((await invoices()).map((i) => [i.invoice_id, i.status])).toEqual([
      ['inv-A', 'booked'],
      ['inv-B', 'needs_attention'],
    ]);
  });

  it("survives an event that fails its own schema, stored behind the application's back", async () => {
    await appendScenario(backend.store);
    const poison = await appendEvent(backend.store, invoiceStream('tenant_kapot', 'inv-Z'), 'InvoiceIssued', {
      invoice: { invoiceId: 'inv-Z', tenantId: 'tenant_kapot', totals: { vat: '-3.50' } },
      issuedAt: '2026-01-05T10:00:00.000Z',
    });
    const after = await appendEvent(backend.store, orderStream(TENANT, 'D'), 'OrderReceived', {
      tenantId: TENANT,
      orderId: 'D',
      order: buildOrder('ext-D', { name: 'Dirk' }),
      receivedAt: '2026-01-05T10:00:00.000Z',
    });
    const live = runner({ onPoison: () => undefined });
    live.start();
    await live.waitForPosition(after, 10_000);
    await live.stop();
    expect((await orders()).map((o) => o.order_id)).toContain('D');
    const [failure] = await openFailures(backend.db);
    expect({ ...failure, position: String(failure!.position) }).toMatchObject({
      position: String(poison),
      kind: 'failed',
      tenant_id: 'tenant_kapot',
    });
    expect(failure!.error).toMatch(/InvoiceIssued at position \d+ .* failed in parsing/);
    expect(await projectionHealth(backend.db)).toEqual({
      openFailures: 1,
      degradedTenants: ['tenant_kapot'],
    });
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
