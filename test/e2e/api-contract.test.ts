import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelProjections } from '../../src/main/stack.js';
import { readModelSnapshot, rebuildReadModels } from '../../src/projections/rebuild.js';
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

describe('merchant API contract (PostgreSQL, real Temporal, real SMTP)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('postgres');
    tenant = await createTenant(t.app, 'Concurrency Shop');
  });
  afterAll(async () => t?.stop());

  const post = (payload: unknown, headers: Record<string, string> = {}, key = tenant.apiKey) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...bearer(key), ...headers },
      payload: payload as object,
    });
  const eventCount = async () =>
    Number((await sql<{ n: string }>`select count(*)::text as n from events`.execute(t.stack.db)).rows[0]!.n);
  const invoicesOf = async (tenantId: string) =>
    t.stack.db
      .selectFrom('invoices')
      .select(['number', 'order_id', 'status'])
      .where('tenant_id', '=', tenantId)
      .execute();

  it('numbers 50 concurrent orders of one tenant exactly 1..50: no gaps, no duplicates', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(orderBody(`burst-${i}`))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(202));

    const invoices = await eventually(async () => {
      const rows = await invoicesOf(tenant.id);
      return rows.length === 50 && rows.every((r) => r.status === 'booked') ? rows : undefined;
    }, 60_000);
    const sequences = invoices.map((r) => Number(r.number.split('-')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(invoices.map((r) => r.order_id)).size).toBe(50);
  });

  it('answers a repeated Idempotency-Key with the same answer: one order, one invoice, one e-mail', async () => {
    const body = orderBody('idem-1', { customer: { ...orderBody('x').customer, email: 'idem@example.nl' } });
    const first = await post(body, { 'idempotency-key': 'key-idem-1' });
    const second = await post(body, { 'idempotency-key': 'key-idem-1' });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual(first.json());

    const otherBody = await post(orderBody('idem-2'), { 'idempotency-key': 'key-idem-1' });
    expect(otherBody.statusCode).toBe(409);
    expect(otherBody.headers['content-type']).toContain('application/problem+json');

    const { id } = first.json() as { id: string };
    await eventually(async () =>
      (await invoicesOf(tenant.id)).some((i) => i.order_id === id && i.status === 'booked')
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await invoicesOf(tenant.id)).filter((i) => i.order_id === id)).toHaveLength(1);
    expect(t.mail.messages.filter((m) => m.to.includes('idem@example.nl'))).toHaveLength(1);
  });

  it('recognises the same (channel, externalId) without a key: 200 with the existing order, still one invoice', async () => {
    const body = orderBody('dup-1', { customer: { ...orderBody('x').customer, email: 'dup@example.nl' } });
    const first = await post(body);
    const again = await post(body);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { id: string }).id).toBe((first.json() as { id: string }).id);
    const { id } = first.json() as { id: string };
    await eventually(async () =>
      (await invoicesOf(tenant.id)).some((i) => i.order_id === id && i.status === 'booked')
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await invoicesOf(tenant.id)).filter((i) => i.order_id === id)).toHaveLength(1);
    expect(t.mail.messages.filter((m) => m.to.includes('dup@example.nl'))).toHaveLength(1);
    const orders = await t.stack.db
      .selectFrom('orders')
      .select('order_id')
      .where('external_id', '=', 'dup-1')
      .execute();
    expect(orders).toHaveLength(1);
  });

  it('rejects a malformed order with 400, field-level errors and zero events written', async () => {
    const before = await eventCount();
    const bad = orderBody('bad-1', {
      currency: 'euro',
      lines: [{ description: '', quantity: '-1', unitPrice: 12.5, vatClass: 'luxury' }],
    });
    const res = await post(bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json() as { status: number; errors: { field: string; message: string }[] };
    expect(problem.status).toBe(400);
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'currency',
        'lines.0.description',
        'lines.0.quantity',
        'lines.0.unitPrice',
        'lines.0.vatClass',
      ]),
    );
    expect(await eventCount()).toBe(before);
  });

  it('isolates tenants: another tenant gets 404 for ids that exist', async () => {
    const other = await createTenant(t.app, 'Other Shop');
    const mine = await post(orderBody('iso-1'));
    const { id } = mine.json() as { id: string };
    const order = await eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/orders/${id}`,
        headers: bearer(tenant.apiKey),
      });
      const body = res.json() as { invoiceId: string | null };
      return body.invoiceId === null ? undefined : body;
    });
    for (const url of [
      `/v1/orders/${id}`,
      `/v1/invoices/${order.invoiceId}`,
      `/v1/invoices/${order.invoiceId}/pdf`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(other.apiKey) });
      expect(res.statusCode).toBe(404);
    }
    const list = await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(other.apiKey) });
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('requires a valid key, and accountant keys cannot write', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/orders' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer('nope') })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/tenants',
          headers: bearer(tenant.apiKey),
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.apiKey),
      payload: { role: 'accountant' },
    });
    expect(issued.statusCode).toBe(201);
    const accountant = (issued.json() as { apiKey: string }).apiKey;
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(accountant) })).statusCode,
    ).toBe(200);
    expect((await post(orderBody('acc-1'), {}, accountant)).statusCode).toBe(403);
    const settings = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(accountant),
      payload: {},
    });
    expect(settings.statusCode).toBe(403);
  });

  it('pages through orders with a cursor', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/v1/orders?limit=20',
      headers: bearer(tenant.apiKey),
    });
    const page1 = first.json() as { items: { id: string }[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(20);
    expect(page1.nextCursor).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/v1/orders?limit=20&cursor=${page1.nextCursor}`,
      headers: bearer(tenant.apiKey),
    });
    const page2 = second.json() as { items: { id: string }[] };
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items.some((o) => page1.items.some((p) => p.id === o.id))).toBe(false);
  });

  it('rejects invalid seller settings field by field', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
      payload: {
        name: 'X',
        vatId: 'NL1',
        kvk: '123',
        iban: 'NL91ABNA0417164301',
        email: 'nope',
        address: {},
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['vatId', 'kvk', 'iban', 'email', 'address.street']));
  });

  it('stores a seller VAT ID with wrong check digits but says so; a valid one has no warnings', async () => {
    const put = (vatId: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/v1/settings/seller',
        headers: bearer(tenant.apiKey),
        payload: { ...SELLER, vatId },
      });
    const documented = await put('NL859999999B01');
    expect(documented.statusCode).toBe(200);
    expect((documented.json() as { warnings: { field: string }[] }).warnings.map((w) => w.field)).toEqual([
      'vatId',
    ]);
    const valid = await put('NL123456782B01');
    expect((valid.json() as { warnings: unknown[] }).warnings).toEqual([]);
    const read = await t.app.inject({
      method: 'GET',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
    });
    expect(read.json()).toMatchObject({ vatId: 'NL123456782B01', warnings: [] });
    await put(SELLER.vatId);
  });

  it('serves /health and the OpenAPI document at /docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({
      status: 'ok',
      database: 'ok',
    });
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/tenants',
        '/v1/orders',
        '/v1/orders/{id}',
        '/v1/invoices/{id}',
        '/v1/invoices/{id}/pdf',
      ]),
    );
    expect(ADMIN_KEY).toBeTruthy();
  });

  it('rebuilds the read models from the events into exactly the live rows', async () => {
    // Let every workflow finish first, so no event lands between the live snapshot and the rebuild.
    await eventually(async () => {
      const unsettled = await t.stack.db
        .selectFrom('orders')
        .leftJoin('invoices', 'invoices.invoice_id', 'orders.invoice_id')
        .select('orders.order_id')
        .where((eb) => eb.or([eb('orders.status', '=', 'received'), eb('invoices.status', '!=', 'booked')]))
        .execute();
      return unsettled.length === 0 ? true : undefined;
    });
    await t.stack.projections!.waitForPosition(
      BigInt(
        (await sql<{ p: string }>`select max(position)::text as p from events`.execute(t.stack.db)).rows[0]!
          .p,
      ),
      10_000,
    );
    await t.stack.projections!.stop();
    const tables = ['orders', 'invoices', 'api_keys'] as const;
    const live = await readModelSnapshot(t.stack.db, tables);
    await rebuildReadModels(t.stack.db, t.stack.eventStore, readModelProjections);
    const rebuilt = await readModelSnapshot(t.stack.db, tables);
    for (const table of tables) expect(rebuilt.tables[table]).toEqual(live.tables[table]);
    expect(rebuilt.sha256).toBe(live.sha256);
    expect(Object.values(live.tables).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(50);
  });
});
