import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdFor } from '../../src/application/orders.js';
import { invoiceStream, orderStream } from '../../src/domain/streams.js';
import {
  ADMIN_KEY,
  bearer,
  createTenant,
  eventually,
  orderBody,
  SELLER,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

interface OrderJson {
  id: string;
  status: string;
  invoiceId: string | null;
  reason: string | null;
}
interface InvoiceJson {
  number: string;
  status: string;
  totals: Record<string, string>;
  vatBreakdown: { category: string; rate: string }[];
}
interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

describe('self-healing: bad input refused, poison contained, parked orders released (real Temporal, PostgreSQL)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('postgres');
    tenant = await createTenant(t.app, 'Zelfherstel');
  });
  afterAll(async () => t?.stop());

  const eventCount = async () =>
    Number((await sql<{ n: string }>`select count(*)::text as n from events`.execute(t.stack.db)).rows[0]!.n);
  const post = (key: string, body: object) =>
    t.app.inject({ method: 'POST', url: '/v1/orders', headers: bearer(key), payload: body });
  const getOrder = (key: string, id: string) =>
    t.app
      .inject({ method: 'GET', url: `/v1/orders/${id}`, headers: bearer(key) })
      .then((r) => r.json() as OrderJson);
  const settled = (key: string, id: string, statuses = ['invoiced', 'needs_attention', 'held']) =>
    eventually(async () => {
      const order = await getOrder(key, id);
      return statuses.includes(order.status) ? order : undefined;
    }, 30_000);
  const eventsOf = async (tenantId: string, orderId: string, type: string) =>
    (await t.stack.eventStore.readStream(orderStream(tenantId, orderId))).filter((e) => e.type === type);
  const bookedInvoice = (key: string, invoiceId: string) =>
    eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${invoiceId}`,
        headers: bearer(key),
      });
      const invoice = res.json() as InvoiceJson;
      return invoice.status === 'booked' ? invoice : undefined;
    }, 30_000);
  const newTenantWithoutSettings = async (name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: bearer(ADMIN_KEY),
      payload: { name },
    });
    return res.json() as { id: string; apiKey: string };
  };

  it('refuses the poison order at the door with every bad field, and stores nothing', async () => {
    const before = await eventCount();
    const res = await post(
      tenant.apiKey,
      orderBody('poison-1', {
        currency: 'XYZ',
        exchangeRate: { rate: '-1.5', date: '2026-11-19', source: 'ECB' },
        customer: {
          name: '',
          address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'A', countryCode: 'nl' },
        },
        lines: [{ description: 'Mok', quantity: '0', unitPrice: '8.00' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      'currency',
      'customer.address.countryCode',
      'customer.name',
      'exchangeRate.rate',
      'lines.0.quantity',
      'lines.0.vatClass',
    ]);
    expect(await eventCount()).toBe(before);
  });

  it.each([
    ['a non-EUR order without a rate', { currency: 'USD' }, 'exchangeRate', /required for a USD order/],
    [
      'an inverted rate',
      { currency: 'JPY', exchangeRate: { rate: '0.0059', date: '2026-11-19', source: 'ECB' } },
      'exchangeRate.rate',
      /implausible for JPY/,
    ],
    [
      'a withdrawn currency',
      { currency: 'HRK', exchangeRate: { rate: '7.5', date: '2026-11-19', source: 'x' } },
      'currency',
      /not an ISO 4217/,
    ],
    [
      'a rate on a EUR order',
      { exchangeRate: { rate: '1.2', date: '2026-11-19', source: 'x' } },
      'exchangeRate',
      /absent/,
    ],
  ])('refuses %s with 400', async (_case, overrides, field, message) => {
    const before = await eventCount();
    const res = await post(tenant.apiKey, orderBody(`door-${field}-${randomUUID()}`, overrides));
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(problem.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await eventCount()).toBe(before);
  });

  it('cleans customer text: NFC, no control characters, lengths in code points', async () => {
    const res = await post(
      tenant.apiKey,
      orderBody('text-1', {
        customer: {
          name: 'Jose\u0301 Mu\u0000ller\u0007',
          email: 'jose@example.nl',
          address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
        },
        lines: [
          { description: `${'😀'.repeat(500)}`, quantity: '1', unitPrice: '8.00', vatClass: 'standard' },
        ],
      }),
    );
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: string };
    const order = await settled(tenant.apiKey, id);
    expect(order.status).toBe('invoiced');
    const stored = await t.stack.eventStore.readStream(orderStream(tenant.id, id));
    const data = stored[0]!.data as { order: { customer: { name: string } } };
    expect(data.order.customer.name).toBe('José Muller');

    const tooLong = await post(
      tenant.apiKey,
      orderBody('text-2', {
        lines: [{ description: '😀'.repeat(501), quantity: '1', unitPrice: '8.00', vatClass: 'standard' }],
      }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect((tooLong.json() as Problem).errors).toEqual([
      { field: 'lines.0.description', message: 'must be at most 500 characters' },
    ]);
  });

  it('answers 409 for a known externalId with a different body, 200 for the same body', async () => {
    const first = await post(tenant.apiKey, orderBody('same-1'));
    expect(first.statusCode).toBe(202);
    expect((await post(tenant.apiKey, orderBody('same-1'))).statusCode).toBe(200);
    const changed = await post(
      tenant.apiKey,
      orderBody('same-1', { currency: 'EUR', pricesIncludeVat: true }),
    );
    expect(changed.statusCode).toBe(409);
    expect((changed.json() as Problem).detail).toMatch(/already received .* with different content/);
  });

  it('degrades only the tenant of an event that cannot be applied; others are served and invoiced', async () => {
    const broken = await newTenantWithoutSettings('Kapot');
    // Stored behind the application's back: it fails its own schema on read (a negative VAT amount).
    await t.stack.eventStore.append(
      invoiceStream(broken.id, 'inv-poison'),
      [
        {
          id: randomUUID(),
          type: 'InvoiceIssued',
          data: { invoice: { invoiceId: 'inv-poison', tenantId: broken.id, totals: { vat: '-3.50' } } },
          metadata: { schemaVersion: 1, tenantId: broken.id },
        },
      ],
      'no_stream',
    );
    const res = await post(tenant.apiKey, orderBody('after-poison'));
    expect(res.statusCode).toBe(202);
    const order = await settled(tenant.apiKey, (res.json() as { id: string }).id);
    expect(order.status).toBe('invoiced');

    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'degraded',
      checks: {
        database: { status: 'ok' },
        temporal: { status: 'ok' },
        projections: { openFailures: 1, degradedTenants: 1 },
      },
    });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/^autofactuur_projection_degraded_tenants 1$/m);
    expect(metrics.body).toMatch(/^autofactuur_projection_open_failures 1$/m);

    const failures = await t.app.inject({
      method: 'GET',
      url: '/v1/operator/projection-failures',
      headers: bearer(ADMIN_KEY),
    });
    expect(failures.json()).toMatchObject({
      items: [
        {
          tenantId: broken.id,
          eventType: 'InvoiceIssued',
          kind: 'failed',
          error: expect.stringMatching(/parsing/),
        },
      ],
    });
    const merchantTries = await t.app.inject({
      method: 'GET',
      url: '/v1/operator/projection-failures',
      headers: bearer(tenant.apiKey),
    });
    expect(merchantTries.statusCode).toBe(403);

    // Replaying without a fix keeps it open and says why.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/v1/operator/projection-failures/replay',
      headers: bearer(ADMIN_KEY),
      payload: { tenantId: broken.id },
    });
    expect(replay.json()).toMatchObject({ resolved: 0, stillOpen: 1 });
  });

  it('assigns no number to an invoice the e-invoice rules would refuse (an order stored before the door checked it)', async () => {
    const shop = await createTenant(t.app, 'Oude bestelling');
    const orderId = orderIdFor(shop.id, 'api', 'xyz-1');
    const order = {
      ...orderBody('xyz-1'),
      currency: 'XYZ',
      exchangeRate: { rate: '1.5', date: '2026-11-19', source: 'ECB' },
    };
    // What an older version let through: appended as it was then, without the door's checks.
    await t.stack.eventStore.append(
      orderStream(shop.id, orderId),
      [
        {
          id: randomUUID(),
          type: 'OrderReceived',
          data: { tenantId: shop.id, orderId, order, receivedAt: '2026-11-20T10:15:00.000Z' },
          metadata: { schemaVersion: 1, tenantId: shop.id },
        },
      ],
      'no_stream',
    );
    const parked = await settled(shop.apiKey, orderId, ['needs_attention', 'invoiced']);
    expect(parked.status).toBe('needs_attention');
    expect(parked.invoiceId).toBeNull();
    expect(parked.reason).toContain('BR-CL-03');

    const next = await post(shop.apiKey, orderBody('after-xyz'));
    const nextOrder = await settled(shop.apiKey, (next.json() as { id: string }).id);
    expect((await bookedInvoice(shop.apiKey, nextOrder.invoiceId!)).number).toMatch(/-000001$/);
  });

  it('releases an order parked for missing seller settings when they are saved (and by hand), next number without a gap', async () => {
    const late = await newTenantWithoutSettings('Laat');
    const res = await post(late.apiKey, orderBody('early-1'));
    expect(res.statusCode).toBe(202);
    const orderId = (res.json() as { id: string }).id;
    const parked = await settled(late.apiKey, orderId);
    expect(parked.status).toBe('needs_attention');
    expect(parked.invoiceId).toBeNull();

    const tooEarly = await t.app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/retry`,
      headers: bearer(late.apiKey),
    });
    expect(tooEarly.statusCode).toBe(202);
    // Parked again by the second run: the cause is not fixed yet.
    await eventually(
      async () => ((await eventsOf(late.id, orderId, 'OrderNeedsAttention')).length === 2 ? true : undefined),
      30_000,
    );
    expect((await settled(late.apiKey, orderId)).status).toBe('needs_attention');

    const parkedList = await t.app.inject({
      method: 'GET',
      url: '/v1/orders?status=needs_attention&channel=api',
      headers: bearer(late.apiKey),
    });
    expect((parkedList.json() as { items: OrderJson[] }).items.map((o) => o.id)).toEqual([orderId]);
    const otherTenant = await t.app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/retry`,
      headers: bearer(tenant.apiKey),
    });
    expect(otherTenant.statusCode).toBe(404);

    const settings = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(late.apiKey),
      payload: SELLER,
    });
    expect(settings.statusCode).toBe(200);
    // Saving the settings released it by itself: nobody has to find and retry it.
    const invoiced = await settled(late.apiKey, orderId, ['invoiced']);
    expect(invoiced.status).toBe('invoiced');
    const invoice = await bookedInvoice(late.apiKey, invoiced.invoiceId!);
    expect(invoice.number).toMatch(/-000001$/);

    const next = await post(late.apiKey, orderBody('early-2'));
    const nextOrder = await settled(late.apiKey, (next.json() as { id: string }).id);
    expect((await bookedInvoice(late.apiKey, nextOrder.invoiceId!)).number).toMatch(/-000002$/);

    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/retry`,
      headers: bearer(late.apiKey),
    });
    expect(again.statusCode).toBe(409);
    const events = await t.stack.eventStore.readStream(orderStream(late.id, orderId));
    expect(events.filter((e) => e.type === 'OrderRetryRequested').map((e) => e.data)).toEqual([
      expect.objectContaining({
        previousStatus: 'needs_attention',
        requestedBy: expect.stringMatching(/^api-key:/),
      }),
      expect.objectContaining({
        previousStatus: 'needs_attention',
        requestedBy: 'system:seller-settings-updated',
      }),
    ]);
  });

  it('lets a person release an order held for an unverifiable VAT ID: invoiced with VAT as for a consumer', async () => {
    t.vies.down = true;
    try {
      const berlin = { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' };
      const res = await post(
        tenant.apiKey,
        orderBody('held-1', {
          customer: {
            name: 'Max',
            companyName: 'Muster GmbH',
            vatId: 'DE136695976',
            email: 'm@example.de',
            address: berlin,
          },
          lines: [
            { description: 'Espressomaschine', quantity: '1', unitPrice: '1000.00', vatClass: 'standard' },
          ],
        }),
      );
      const orderId = (res.json() as { id: string }).id;
      const held = await settled(tenant.apiKey, orderId);
      expect(held.status).toBe('held');
      expect(held.reason).toMatch(/cannot be verified/);

      const decided = await t.app.inject({
        method: 'POST',
        url: `/v1/orders/${orderId}/vat-id-decision`,
        headers: bearer(tenant.apiKey),
        payload: { decision: 'charge_as_consumer' },
      });
      expect(decided.statusCode).toBe(202);
      const invoiced = await settled(tenant.apiKey, orderId, ['invoiced', 'needs_attention']);
      expect(invoiced.status).toBe('invoiced');
      const invoice = await bookedInvoice(tenant.apiKey, invoiced.invoiceId!);
      expect(invoice.vatBreakdown.map((b) => b.category)).toEqual(['S']);
      expect(invoice.totals.vat).not.toBe('0.00');
      const events = await t.stack.eventStore.readStream(orderStream(tenant.id, orderId));
      expect(events.find((e) => e.type === 'OrderVatIdDecided')?.data).toMatchObject({
        decision: 'charge_as_consumer',
        vatId: 'DE136695976',
        decidedBy: expect.stringMatching(/^api-key:/),
      });
      const twice = await t.app.inject({
        method: 'POST',
        url: `/v1/orders/${orderId}/vat-id-decision`,
        headers: bearer(tenant.apiKey),
        payload: { decision: 'charge_as_consumer' },
      });
      expect(twice.statusCode).toBe(409);
    } finally {
      t.vies.down = false;
    }
  });

  it('answers a stored order with 202 even when the read models are stopped, never 500', async () => {
    await t.stack.projections!.stop();
    try {
      const res = await post(tenant.apiKey, orderBody('read-side-down'));
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ id: orderIdFor(tenant.id, 'api', 'read-side-down'), status: 'received' });
    } finally {
      t.stack.projections!.start();
    }
    const order = await settled(tenant.apiKey, orderIdFor(tenant.id, 'api', 'read-side-down'));
    expect(order.status).toBe('invoiced');
  });
});
