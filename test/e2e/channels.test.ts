import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeWooCommerce,
  startFakeWooCommerce,
} from '../adapters/channels/woocommerce/fake-woocommerce.js';
import { pdfPageTexts } from '../adapters/rendering/pdf-text.js';
import { bearer, createTenant, eventually, startTestStack, type TestStack } from '../support/test-stack.js';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/channels/woocommerce/orders/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
const CREDENTIALS = {
  consumerKey: 'ck_test_0123',
  consumerSecret: 'cs_test_4567',
  webhookSecret: 'whsec-8910',
};

interface OrderJson {
  id: string;
  externalId: string;
  channel: string;
  status: string;
  invoiceId: string | null;
}

describe('a WooCommerce shop connected through the API (real Temporal, a WooCommerce stand-in)', () => {
  let t: TestStack;
  let shop: FakeWooCommerce;
  let tenant: { id: string; apiKey: string };
  let channelId: string;
  beforeAll(async () => {
    t = await startTestStack('postgres');
    shop = await startFakeWooCommerce(CREDENTIALS);
    tenant = await createTenant(t.app, 'Koffie Webshop');
  });
  afterAll(async () => {
    await t?.stop();
    await shop?.close();
  });

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: bearer(tenant.apiKey),
      ...(payload === undefined ? {} : { payload }),
    });
  const ordersOfChannel = async () =>
    ((await api('GET', '/v1/orders?channel=woocommerce')).json() as { items: OrderJson[] }).items;
  /** As WooCommerce delivers: topic, delivery id and signature headers (a ping has none of them). */
  const webhook = (
    body: string,
    delivery: { signature?: string; topic?: string; deliveryId?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${channelId}`,
      headers: {
        'content-type':
          delivery.topic === undefined ? 'application/x-www-form-urlencoded' : 'application/json',
        ...(delivery.topic === undefined
          ? {}
          : {
              'x-wc-webhook-topic': delivery.topic,
              'x-wc-webhook-resource': 'order',
              'x-wc-webhook-delivery-id': delivery.deliveryId ?? String(Math.random()),
            }),
        ...(delivery.signature === undefined ? {} : { 'x-wc-webhook-signature': delivery.signature }),
      },
      payload: body,
    });
  const order = (body: string, deliveryId?: string) =>
    webhook(body, {
      topic: 'order.created',
      signature: sign(body),
      ...(deliveryId === undefined ? {} : { deliveryId }),
    });
  const sign = (body: string) =>
    createHmac('sha256', CREDENTIALS.webhookSecret).update(body).digest('base64');
  // Orders recorded (earlier tests' invoices may still be being sent and booked meanwhile).
  const eventCount = async () =>
    Number(
      (
        await sql<{ n: string }>`select count(*)::text as n from events where type = 'OrderReceived'`.execute(
          t.stack.db,
        )
      ).rows[0]!.n,
    );

  it('connects a shop: credentials sealed and never returned, a webhook URL handed out', async () => {
    const res = await api('POST', '/v1/channels', {
      type: 'woocommerce',
      name: 'Webshop',
      baseUrl: shop.baseUrl,
      credentials: CREDENTIALS,
      mode: 'automatic',
    });
    expect(res.statusCode).toBe(201);
    const channel = res.json() as Record<string, unknown>;
    channelId = channel.id as string;
    expect(channel).toMatchObject({
      type: 'woocommerce',
      mode: 'automatic',
      pollIntervalMinutes: 15,
      status: 'ok',
    });
    expect(channel.webhookUrl).toBe(`http://autofactuur.test/v1/webhooks/${channelId}`);
    expect(res.body).not.toContain(CREDENTIALS.consumerSecret);
    const stored = await sql<{
      data: string;
    }>`select data::text as data from events where type = 'ChannelConnected'`.execute(t.stack.db);
    for (const secret of Object.values(CREDENTIALS)) expect(stored.rows[0]!.data).not.toContain(secret);
    const refused = await api('POST', '/v1/channels', {
      type: 'woocommerce',
      name: 'Kapot',
      baseUrl: shop.baseUrl,
      credentials: { consumerKey: 'x' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('backfills a range on request: the orders are invoiced, refunds become credit notes', async () => {
    shop.orders = [fixture('nl-gross-coupon-mixed-rates'), fixture('refunded'), fixture('pending')];
    const sync = await api('POST', `/v1/channels/${channelId}/sync`, {
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-31T00:00:00Z',
    });
    expect(sync.statusCode).toBe(202);
    const { syncId } = sync.json() as { syncId: string };
    const done = await eventually(async () => {
      const status = (await api('GET', `/v1/channels/${channelId}/syncs/${syncId}`)).json() as {
        status: string;
      };
      return status.status === 'done' || status.status === 'failed' ? status : undefined;
    }, 60_000);
    expect(done).toMatchObject({ status: 'done', ordersSeen: 3, ordersRecorded: 2, errors: [] });
    expect(shop.violations).toEqual([]);

    const invoiced = await eventually(async () => {
      const orders = await ordersOfChannel();
      return orders.length === 2 && orders.every((o) => o.status === 'invoiced') ? orders : undefined;
    }, 30_000);
    expect(invoiced.map((o) => o.externalId).sort()).toEqual(['4711', '4802']);
    const invoices = (await api('GET', '/v1/invoices')).json() as {
      items: { type: string; totals: { gross: string } }[];
    };
    expect(
      invoices.items
        .filter((i) => i.type === 'credit_note')
        .map((i) => i.totals.gross)
        .sort(),
    ).toEqual(['30.00', '4.95']);
    const gross4711 = invoices.items.find((i) => i.type === 'invoice' && i.totals.gross === '85.85');
    expect(gross4711).toBeDefined();
  });

  it('takes an order by webhook and by poll as one order; a bad signature stores nothing', async () => {
    const now = new Date();
    const fresh = {
      ...fixture('nl-gross-coupon-mixed-rates'),
      id: 5001,
      number: '5001',
      date_modified_gmt: now.toISOString().slice(0, 19),
    };
    const body = JSON.stringify(fresh);
    const before = await eventCount();
    const forged = await webhook(body, { topic: 'order.created', signature: sign(`${body} `) });
    expect(forged.statusCode).toBe(401);
    expect(await eventCount()).toBe(before);

    // WooCommerce's activation ping carries no signature and no topic: 200, nothing stored.
    const ping = await webhook('webhook_id=12');
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toEqual({ received: false });

    const delivered = await order(body);
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toMatchObject({ received: true });
    expect((await order(body)).statusCode).toBe(200);
    // The same delivery again (same delivery id) is recognised and not done twice.
    expect((await order(body, 'delivery-42')).json()).toMatchObject({ received: true });
    expect((await order(body, 'delivery-42')).json()).toEqual({ received: false, duplicate: true });

    shop.orders = [fresh];
    const sync = await api('POST', `/v1/channels/${channelId}/sync`, {});
    const { syncId } = sync.json() as { syncId: string };
    const done = await eventually(async () => {
      const status = (await api('GET', `/v1/channels/${channelId}/syncs/${syncId}`)).json() as {
        status: string;
      };
      return status.status === 'done' || status.status === 'failed' ? status : undefined;
    }, 60_000);
    expect(done).toMatchObject({ status: 'done', ordersSeen: 1, ordersRecorded: 1 });
    const orders = await eventually(async () => {
      const all = (await ordersOfChannel()).filter((o) => o.externalId === '5001');
      return all.length === 1 && all[0]!.status === 'invoiced' ? all : undefined;
    }, 30_000);
    expect(orders).toHaveLength(1);
  });

  it('shows a platform outage on the channel and recovers by itself on the next sync', async () => {
    shop.reply = () => ({ status: 401, body: { code: 'woocommerce_rest_cannot_view', message: 'no' } });
    const sync = await api('POST', `/v1/channels/${channelId}/sync`, {});
    const { syncId } = sync.json() as { syncId: string };
    const failed = await eventually(async () => {
      const status = (await api('GET', `/v1/channels/${channelId}/syncs/${syncId}`)).json() as {
        status: string;
      };
      return status.status === 'failed' ? status : undefined;
    }, 60_000);
    expect(failed).toMatchObject({ status: 'failed' });
    expect((await api('GET', `/v1/channels/${channelId}`)).json()).toMatchObject({ status: 'failing' });

    shop.reply = undefined;
    const again = await api('POST', `/v1/channels/${channelId}/sync`, {});
    const next = (again.json() as { syncId: string }).syncId;
    await eventually(async () => {
      const status = (await api('GET', `/v1/channels/${channelId}/syncs/${next}`)).json() as {
        status: string;
      };
      return status.status === 'done' ? status : undefined;
    }, 60_000);
    expect((await api('GET', `/v1/channels/${channelId}`)).json()).toMatchObject({
      status: 'ok',
      lastError: null,
    });
  });

  it('in test mode invoices, sends and books nothing until released or switched to automatic', async () => {
    const created = await api('POST', '/v1/channels', {
      type: 'woocommerce',
      name: 'Proefwinkel',
      baseUrl: shop.baseUrl,
      credentials: CREDENTIALS,
    });
    expect(created.json()).toMatchObject({ mode: 'test' });
    const testChannel = (created.json() as { id: string }).id;
    const modified = new Date().toISOString().slice(0, 19);
    const order = (id: number) => ({
      ...fixture('nl-gross-coupon-mixed-rates'),
      id,
      number: String(id),
      date_modified_gmt: modified,
    });
    // Connected in test mode, the shop's recent past comes in as drafts too (30 days back).
    const lastWeek = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 19);
    shop.orders = [order(6001), { ...order(6000), date_modified_gmt: lastWeek }];
    const sync = async () => {
      const { syncId } = (await api('POST', `/v1/channels/${testChannel}/sync`, {})).json() as {
        syncId: string;
      };
      return eventually(async () => {
        const status = (await api('GET', `/v1/channels/${testChannel}/syncs/${syncId}`)).json() as {
          status: string;
        };
        return status.status === 'done' ? status : undefined;
      }, 60_000);
    };
    await sync();
    const held = await eventually(async () => {
      const orders = (await ordersOfChannel()).filter((o) => o.externalId === '6001');
      return orders[0]?.status === 'held' ? orders[0] : undefined;
    });
    expect(held.invoiceId).toBeNull();
    await eventually(async () => {
      const orders = (await ordersOfChannel()).filter((o) => o.externalId === '6000');
      return orders[0]?.status === 'held' ? orders[0] : undefined;
    });
    // A draft to look at: no legal number, a PDF marked CONCEPT, never sent or booked.
    const draft = await eventually(async () => {
      const drafts = (await api('GET', '/v1/invoices?status=draft')).json() as {
        items: { id: string; orderId: string; number: string; status: string }[];
      };
      return drafts.items.find((i) => i.orderId === held.id);
    });
    expect(draft.number).toMatch(/^CONCEPT-/);
    const pdf = await api('GET', `/v1/invoices/${draft.id}/pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((await pdfPageTexts(pdf.rawPayload)).join(' ')).toContain('CONCEPT');
    expect((await api('GET', `/v1/invoices/${draft.id}/ubl`)).statusCode).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await api('GET', `/v1/invoices/${draft.id}`)).json()).toMatchObject({ status: 'draft' });
    // Never booked, so in no report, ledger or export.
    const booked = await sql<{
      n: string;
    }>`select count(*)::text as n from journal_lines where document_id = ${draft.id}`.execute(t.stack.db);
    expect(booked.rows[0]!.n).toBe('0');

    const switched = await api('PATCH', `/v1/channels/${testChannel}`, { mode: 'automatic' });
    expect(switched.json()).toMatchObject({ mode: 'automatic' });
    shop.orders = [order(6001), order(6002)];
    await sync();
    await eventually(async () => {
      const orders = (await ordersOfChannel()).filter((o) => o.externalId === '6002');
      return orders[0]?.status === 'invoiced' ? orders[0] : undefined;
    }, 30_000);
    expect((await ordersOfChannel()).find((o) => o.externalId === '6001')?.status).toBe('held');

    expect((await api('POST', `/v1/invoices/${draft.id}/approve`)).statusCode).toBe(202);
    expect((await api('POST', `/v1/invoices/${draft.id}/approve`)).statusCode).toBe(409);
    await eventually(async () => {
      const orders = (await ordersOfChannel()).filter((o) => o.externalId === '6001');
      return orders[0]?.status === 'invoiced' ? orders[0] : undefined;
    }, 30_000);
  });

  it('keeps what the platform does not say about its products: goods or services, VAT class per key', async () => {
    const created = await api('POST', '/v1/channels', {
      type: 'bol',
      name: 'bol.com',
      baseUrl: 'http://127.0.0.1:9/retailer',
      tokenUrl: 'http://127.0.0.1:9/token',
      credentials: { clientId: 'id', clientSecret: 'secret' },
      catalog: { vatClasses: { '9789012345678': 'reduced' } },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect(created.json()).toMatchObject({
      webhookUrl: null,
      catalog: { supplyType: 'goods', vatClasses: { '9789012345678': 'reduced' } },
    });
    const changed = await api('PATCH', `/v1/channels/${id}`, {
      catalog: { supplyType: 'goods', vatClasses: { '9789012345678': 'reduced', '8712345678906': 'zero' } },
      paused: true,
    });
    expect(changed.json()).toMatchObject({
      status: 'paused',
      catalog: { vatClasses: { '8712345678906': 'zero' } },
    });
    const wrong = await api('PATCH', `/v1/channels/${id}`, { catalog: { vatClasses: { x: 'luxury' } } });
    expect(wrong.statusCode).toBe(400);

    // New credentials only change nothing the read model shows; the change after it still arrives there.
    const rotated = await api('PATCH', `/v1/channels/${id}`, { credentials: { clientSecret: 'rotated' } });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const resumed = await api('PATCH', `/v1/channels/${id}`, { paused: false });
    expect(resumed.json()).toMatchObject({ status: 'ok' });
    const failures = await sql<{ n: string }>`
      select count(*)::text as n from projection_failures where stream like ${`%${id}%`} and resolved_at is null`.execute(
      t.stack.db,
    );
    expect(failures.rows[0]!.n).toBe('0');
  });

  it('keeps channels apart per tenant', async () => {
    const other = await createTenant(t.app, 'Ander');
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/channels/${channelId}`,
      headers: bearer(other.apiKey),
    });
    expect(res.statusCode).toBe(404);
  });
});
