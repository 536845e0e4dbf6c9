/**
 * Issue 9's acceptance, end to end: one tenant connects a WooCommerce shop, a Shopify shop and a bol.com
 * account through the API (automatic mode), plus a second Shopify shop in test mode. Each platform is a
 * real HTTP server standing in for it; Temporal and PostgreSQL are real. Orders arrive by signed webhook
 * and by poll at the same time (webhooks redelivered while the poll runs), refunds by webhook and poll,
 * bol answers a burst of 429s, the WooCommerce API is down for one sync, and the whole stack restarts
 * between two bol polls. In the end every platform order is one order with one invoice, every refund
 * one credit note, both number series are gapless, and no stand-in saw a request it would refuse.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { sql } from 'kysely';
import { OpenAPIBackend } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BolOrderJson } from '../../src/adapters/channels/bol/bol-api-schemas.js';
import { invoiceIdFor, orderIdFor } from '../../src/application/orders.js';
import { deterministicId } from '../../src/domain/shared/ids.js';
import { invoiceStream } from '../../src/domain/streams.js';
import { consumerOrder } from '../adapters/channels/bol/bol-order-fixtures.js';
import { type FakeBol, startFakeBol } from '../adapters/channels/bol/fake-bol-server.js';
import {
  ACCESS_TOKEN,
  type FakeShopify,
  startFakeShopify,
} from '../adapters/channels/shopify/fake-shopify-server.js';
import {
  fixtureText,
  money,
  type Payload,
  rawNlOrder,
} from '../adapters/channels/shopify/shopify-fixtures.js';
import {
  type FakeWooCommerce,
  startFakeWooCommerce,
} from '../adapters/channels/woocommerce/fake-woocommerce.js';
import { bearer, createTenant, eventually, startTestStack, type TestStack } from '../support/test-stack.js';

const WOO_CREDENTIALS = {
  consumerKey: 'ck_acceptance_0123',
  consumerSecret: 'cs_acceptance_4567',
  webhookSecret: 'wc-whsec-acceptance',
};
const SHOPIFY_CREDENTIALS = { accessToken: ACCESS_TOKEN, webhookSecret: 'shpss_acceptance_main' };
const TRIAL_CREDENTIALS = { accessToken: ACCESS_TOKEN, webhookSecret: 'shpss_acceptance_trial' };
const BOL_CREDENTIALS = { clientId: 'bol-acceptance-client', clientSecret: 'bol-acceptance-secret' };
/** The schedule's own polls stay out of the way: every sync here is asked for through the API. */
const POLL_INTERVAL_MINUTES = 1440;

/** The NL order's numeric id in the Shopify fixtures, replaced per order. */
const SHOPIFY_FIXTURE_ORDER = '5123456789012345678';
const SHOPIFY_FIXTURE_REFUND = '983456789012345678';
const S1 = '5123456789012340001';
const S2 = '5123456789012340002';
const S3 = '5123456789012340003';
/** The test shop reuses the other shop's order number: identity is per connection. */
const T1 = S1;
const T2 = '5123456789012340102';
const S2_REFUND = '983456789012340002';
const gid = (numericId: string) => `gid://shopify/Order/${numericId}`;

const BOL_SPEC = fileURLToPath(new URL('../../.data/bol-retailer-v10/retailer.json', import.meta.url));

interface SyncView {
  status: 'running' | 'done' | 'failed';
  ordersSeen: number;
  ordersRecorded: number;
  errors: string[];
}
interface OrderView {
  id: string;
  externalId: string;
  channel: string;
  status: string;
  invoiceId: string | null;
}
interface InvoiceView {
  id: string;
  orderId: string;
  type: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  status: string;
  totals: { gross: string };
  correctsInvoiceId?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const base64Hmac = (secret: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(body).digest('base64');

/** WooCommerce's `date_modified_gmt`: whole seconds, UTC, no offset; a moment ago. */
const wooModifiedNow = () => new Date(Date.now() - 2_000).toISOString().slice(0, 19);
/** Shopify's `updatedAt`: whole seconds, UTC; a moment ago. */
const shopifyUpdatedNow = () => `${new Date(Date.now() - 2_000).toISOString().slice(0, 19)}Z`;

const wooOrder = (
  id: number,
  fixture: string,
  change: Record<string, unknown> = {},
): Record<string, unknown> => ({
  ...(JSON.parse(
    readFileSync(new URL(`../fixtures/channels/woocommerce/orders/${fixture}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>),
  id,
  number: String(id),
  date_modified_gmt: wooModifiedNow(),
  ...change,
});

/** The GraphQL order node of the fixture under another id, changed a moment ago. */
const shopifyNode = (numericId: string): Payload => ({
  ...rawNlOrder(),
  id: gid(numericId),
  updatedAt: shopifyUpdatedNow(),
});
/** The same order as its REST-shaped webhook body (ids as Shopify writes them, beyond 2^53). */
const shopifyOrderBody = (numericId: string, change: (text: string) => string = (text) => text) =>
  Buffer.from(
    change(fixtureText('webhook-orders-paid-nl.json').replaceAll(SHOPIFY_FIXTURE_ORDER, numericId)),
  );

/** A consumer order of which every item is handled (shipped or cancelled), changed a moment ago. */
const bolOrder = (orderId: string): BolOrderJson => ({
  ...consumerOrder,
  orderId,
  orderItems: consumerOrder.orderItems.map((item, index) => ({
    ...item,
    orderItemId: `${orderId}${index}`,
    latestChangedDateTime: new Date(Date.now() - 2_000).toISOString(),
  })),
});

describe('issue 9 acceptance: three platforms feeding one tenant by webhook and poll at once', () => {
  let t: TestStack;
  let wooShop: FakeWooCommerce;
  let shopify: FakeShopify;
  let trialShop: FakeShopify;
  let bol: FakeBol;
  let tenant: { id: string; apiKey: string };

  beforeAll(async () => {
    [t, wooShop, shopify, trialShop, bol] = await Promise.all([
      startTestStack('postgres'),
      startFakeWooCommerce(WOO_CREDENTIALS),
      startFakeShopify(),
      startFakeShopify(),
      startFakeBol({ ...BOL_CREDENTIALS, now: () => new Date() }),
    ]);
    tenant = await createTenant(t.app, 'Koffie Omnichannel');
  });
  afterAll(async () => {
    await t?.stop();
    await Promise.all([wooShop?.close(), shopify?.close(), trialShop?.close(), bol?.close()]);
  });

  // `t.app` is read at each call: after the restart it is the new stack's.
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: bearer(tenant.apiKey),
      ...(payload === undefined ? {} : { payload }),
    });
  const connect = async (body: Record<string, unknown>): Promise<string> => {
    const res = await api('POST', '/v1/channels', { pollIntervalMinutes: POLL_INTERVAL_MINUTES, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const channel = async (channelId: string) =>
    (await api('GET', `/v1/channels/${channelId}`)).json() as { status: string; lastError: string | null };
  const requestSync = async (channelId: string, range: { from?: string; to?: string } = {}) => {
    const res = await api('POST', `/v1/channels/${channelId}/sync`, range);
    expect(res.statusCode, res.body).toBe(202);
    return (res.json() as { syncId: string }).syncId;
  };
  const syncView = async (channelId: string, syncId: string) =>
    (await api('GET', `/v1/channels/${channelId}/syncs/${syncId}`)).json() as SyncView;
  /** Running, or not yet in the read models (the 202 waits for them only briefly on a busy machine). */
  const pending = (view: SyncView) => view.status === 'running' || (view.status as unknown) === 404;
  const syncEnded = (channelId: string, syncId: string, timeoutMs = 60_000) =>
    eventually(
      async () => {
        const view = await syncView(channelId, syncId);
        return pending(view) ? undefined : view;
      },
      timeoutMs,
      100,
    );

  const wooWebhook = (
    channelId: string,
    order: Record<string, unknown>,
    topic: 'order.created' | 'order.updated',
    secret = WOO_CREDENTIALS.webhookSecret,
  ) => {
    const body = JSON.stringify(order);
    return t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${channelId}`,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
        'x-wc-webhook-source': 'https://koffie.example.nl/',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': topic.split('.')[1]!,
        'x-wc-webhook-id': '17',
        'x-wc-webhook-delivery-id': String(Math.floor(Math.random() * 1e9)),
        'x-wc-webhook-signature': base64Hmac(secret, body),
      },
      payload: body,
    });
  };
  const shopifyWebhook = (
    channelId: string,
    topic: 'orders/create' | 'orders/paid' | 'orders/updated' | 'refunds/create',
    body: Buffer,
    secret: string,
    eventId = `evt-${topic}-${Math.floor(Math.random() * 1e9)}`,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${channelId}`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': base64Hmac(secret, body),
        'x-shopify-shop-domain': 'koffie-omnichannel.myshopify.com',
        'x-shopify-api-version': '2025-10',
        'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': new Date().toISOString(),
      },
      payload: body,
    });

  /**
   * Asks for a sync (poll now, or a backfill) and, at the same moment, delivers the webhooks; then
   * keeps redelivering them, as platforms do, until the sync has ended. Every delivery must be taken.
   */
  const bothRoutes = async (
    channelId: string,
    range: { from?: string; to?: string },
    deliver: () => Promise<InjectResponse>[],
  ): Promise<{ sync: SyncView }> => {
    const [syncId, first] = await Promise.all([requestSync(channelId, range), Promise.all(deliver())]);
    const answers = [...first];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const sync = await syncView(channelId, syncId);
      if (!pending(sync)) {
        for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200);
        return { sync };
      }
      if (Date.now() > deadline) throw new Error(`sync ${syncId} still running after 60 s`);
      answers.push(...(await Promise.all(deliver())));
      await sleep(100);
    }
  };

  const orders = async () => {
    const page = (await api('GET', '/v1/orders?limit=200')).json() as {
      items: OrderView[];
      nextCursor: string | null;
    };
    expect(page.nextCursor).toBeNull();
    return page.items;
  };
  const documents = async () => {
    const page = (await api('GET', '/v1/invoices?limit=200')).json() as {
      items: InvoiceView[];
      nextCursor: string | null;
    };
    expect(page.nextCursor).toBeNull();
    return page.items;
  };
  const orderIdOf = (channelId: string, externalId: string) => orderIdFor(tenant.id, channelId, externalId);
  const orderStatus = async (channelId: string, externalId: string) =>
    (await orders()).find((o) => o.id === orderIdOf(channelId, externalId));
  const untilInvoiced = (keys: [channelId: string, externalId: string][]) =>
    eventually(
      async () => {
        const all = await orders();
        const ids = keys.map(([c, e]) => orderIdOf(c, e));
        const found = all.filter((o) => ids.includes(o.id));
        return found.length === ids.length && found.every((o) => o.status === 'invoiced') ? found : undefined;
      },
      30_000,
      100,
    );
  const countRows = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(t.stack.db)).rows[0]!.n);
  const eventCount = () => countRows(sql<{ n: string }>`select count(*)::text as n from events`);
  /** Events on the invoice stream of an order: none while nothing is issued, sent or booked. */
  const invoiceEventsOf = (orderId: string) =>
    countRows(
      // A draft (test mode) is not an invoice: only what came after it counts.
      sql<{
        n: string;
      }>`select count(*)::text as n from events where type <> 'InvoiceDrafted' and stream = ${invoiceStream(
        tenant.id,
        invoiceIdFor(tenant.id, orderId),
      )}`,
    );

  it('turns each order into exactly one invoice and each refund into one credit note, across outages and a restart', async () => {
    // Connect the three platforms (automatic) and a second Shopify shop left in test mode.
    const woo = await connect({
      type: 'woocommerce',
      name: 'Webshop',
      baseUrl: wooShop.baseUrl,
      credentials: WOO_CREDENTIALS,
      mode: 'automatic',
    });
    const shop = await connect({
      type: 'shopify',
      name: 'Shopify',
      baseUrl: shopify.baseUrl,
      credentials: SHOPIFY_CREDENTIALS,
      mode: 'automatic',
    });
    const bolChannel = await connect({
      type: 'bol',
      name: 'bol.com',
      baseUrl: bol.baseUrl,
      tokenUrl: bol.tokenUrl,
      credentials: BOL_CREDENTIALS,
      mode: 'automatic',
    });
    const trial = await connect({
      type: 'shopify',
      name: 'Proefwinkel',
      baseUrl: trialShop.baseUrl,
      credentials: TRIAL_CREDENTIALS,
    });
    expect((await api('GET', `/v1/channels/${trial}`)).json()).toMatchObject({ mode: 'test' });

    // Forged signatures: 401, and not one event is added (nothing else runs yet).
    const before = await eventCount();
    const forgedOrder = wooOrder(9199, 'nl-gross-coupon-mixed-rates');
    forgedOrder.billing = { ...(forgedOrder.billing as object), email: 'vervalst@example.invalid' };
    const forged = await Promise.all([
      wooWebhook(woo, forgedOrder, 'order.created', 'not-the-shop-secret'),
      shopifyWebhook(shop, 'orders/paid', shopifyOrderBody('5123456789012349999'), 'not-the-app-secret'),
      // The test shop's secret does not sign for the other shop.
      shopifyWebhook(
        shop,
        'orders/paid',
        shopifyOrderBody('5123456789012349999'),
        TRIAL_CREDENTIALS.webhookSecret,
      ),
    ]);
    expect(forged.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(await eventCount()).toBe(before);

    // WooCommerce: its API is down (500) for the first sync; the webhooks meanwhile still arrive.
    const w1 = wooOrder(9101, 'nl-gross-coupon-mixed-rates');
    const w2Completed = wooOrder(9102, 'refunded', { status: 'completed', refunds: [] });
    const w3 = wooOrder(9103, 'nl-gross-coupon-mixed-rates'); // its webhook got lost: only the poll brings it
    const w4 = wooOrder(9104, 'nl-gross-coupon-mixed-rates'); // only by webhook
    wooShop.orders = [w1, w2Completed, w3];
    wooShop.reply = () => ({
      status: 500,
      body: {
        code: 'internal_server_error',
        message: 'Er is een kritieke fout op deze website.',
        data: { status: 500 },
      },
    });
    const [outageSync, ...wooAnswers] = await Promise.all([
      requestSync(woo),
      wooWebhook(woo, w1, 'order.created'),
      wooWebhook(woo, w1, 'order.created'),
      wooWebhook(woo, w2Completed, 'order.created'),
      wooWebhook(woo, w4, 'order.created'),
    ]);
    for (const answer of wooAnswers) expect(answer.statusCode, answer.body).toBe(200);

    // Meanwhile Shopify, bol and the test-mode shop, side by side.
    const shopifyFirstRound = async () => {
      shopify.orders = [shopifyNode(S1), shopifyNode(S2)];
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const inAMinute = new Date(Date.now() + 60_000).toISOString();
      const { sync } = await bothRoutes(shop, { from: hourAgo, to: inAMinute }, () => [
        shopifyWebhook(
          shop,
          'orders/paid',
          shopifyOrderBody(S1),
          SHOPIFY_CREDENTIALS.webhookSecret,
          'evt-s1',
        ),
        shopifyWebhook(shop, 'orders/create', shopifyOrderBody(S2), SHOPIFY_CREDENTIALS.webhookSecret),
      ]);
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 2, ordersRecorded: 2, errors: [] });
      await untilInvoiced([
        [shop, gid(S1)],
        [shop, gid(S2)],
      ]);

      // A refund of S2 reaches us three ways at once: refunds/create, orders/updated, and the poll.
      const refunded = shopify.orders.find((o) => o.id === gid(S2))!;
      refunded.displayFinancialStatus = 'PARTIALLY_REFUNDED';
      refunded.updatedAt = shopifyUpdatedNow();
      refunded.refunds = [
        {
          id: `gid://shopify/Refund/${S2_REFUND}`,
          createdAt: refunded.updatedAt,
          note: 'Kopje gebroken aangekomen',
          totalRefundedSet: money('22.45'),
        },
      ];
      const refundBody = Buffer.from(
        fixtureText('webhook-refunds-create.json')
          .replaceAll(SHOPIFY_FIXTURE_ORDER, S2)
          .replaceAll(SHOPIFY_FIXTURE_REFUND, S2_REFUND),
      );
      const updatedBody = shopifyOrderBody(S2, (text) =>
        text.replace('"financial_status": "paid"', '"financial_status": "partially_refunded"').replace(
          '"refunds": []',
          `"refunds": [{
            "id": ${S2_REFUND},
            "admin_graphql_api_id": "gid://shopify/Refund/${S2_REFUND}",
            "created_at": "${refunded.updatedAt}",
            "note": "Kopje gebroken aangekomen",
            "transactions": [
              { "id": 8812345678901234567, "kind": "refund", "status": "success", "amount": "22.45", "currency": "EUR" }
            ]
          }]`,
        ),
      );
      const { sync: refundPoll } = await bothRoutes(shop, {}, () => [
        shopifyWebhook(shop, 'refunds/create', refundBody, SHOPIFY_CREDENTIALS.webhookSecret),
        shopifyWebhook(shop, 'orders/updated', updatedBody, SHOPIFY_CREDENTIALS.webhookSecret),
      ]);
      expect(refundPoll).toMatchObject({ status: 'done', ordersSeen: 2, ordersRecorded: 2, errors: [] });
    };

    const bolFirstPoll = async () => {
      bol.orders = [bolOrder('1050000001'), bolOrder('1050000002')];
      const burst: number[] = [];
      let servedAt: number | undefined;
      bol.intercept = () => {
        if (burst.length < 3) {
          burst.push(performance.now());
          return {
            status: 429,
            headers: { 'retry-after': '1' },
            body: {
              type: 'https://api.bol.com/problems',
              title: 'Too Many Requests',
              status: 429,
              detail: 'Too many requests, retry in 1 seconds.',
            },
          };
        }
        servedAt ??= performance.now();
        return undefined;
      };
      const sync = await syncEnded(bolChannel, await requestSync(bolChannel));
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 2, ordersRecorded: 2, errors: [] });
      // Each retry waited the second bol asked for.
      expect(burst).toHaveLength(3);
      const waits = [burst[1]! - burst[0]!, burst[2]! - burst[1]!, servedAt! - burst[2]!];
      for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(950);
      bol.intercept = undefined;
      await untilInvoiced([
        [bolChannel, '1050000001'],
        [bolChannel, '1050000002'],
      ]);
    };

    const trialFirstRound = async () => {
      trialShop.orders = [shopifyNode(T1)];
      const { sync } = await bothRoutes(trial, {}, () => [
        shopifyWebhook(trial, 'orders/paid', shopifyOrderBody(T1), TRIAL_CREDENTIALS.webhookSecret),
      ]);
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 1, ordersRecorded: 1 });
      const held = await eventually(async () => {
        const order = await orderStatus(trial, gid(T1));
        return order?.status === 'held' ? order : undefined;
      });
      expect(held.invoiceId).toBeNull();
    };

    await Promise.all([shopifyFirstRound(), bolFirstPoll(), trialFirstRound()]);

    // Between two polls the whole stack (API, projections, worker) goes down and comes back.
    const firstLife = t.stack;
    await t.restart();
    expect(t.stack).not.toBe(firstLife);

    // The test shop's order is still only held: not issued, sent or booked.
    const t1 = orderIdOf(trial, gid(T1));
    expect((await orderStatus(trial, gid(T1)))?.status).toBe('held');
    expect(await invoiceEventsOf(t1)).toBe(0);

    const bolSecondPoll = async () => {
      bol.orders = [...bol.orders, bolOrder('1050000003')];
      const sync = await syncEnded(bolChannel, await requestSync(bolChannel));
      // The two known orders come again in the poll's overlap and stay one order each.
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 3, ordersRecorded: 3, errors: [] });
      // One token per process: kept through the 429 retries, a new one after the restart.
      expect(bol.issuedTokens).toHaveLength(2);
    };
    const shopifyAfterRestart = async () => {
      shopify.orders = [...shopify.orders, shopifyNode(S3)];
      const { sync } = await bothRoutes(shop, {}, () => [
        shopifyWebhook(shop, 'orders/paid', shopifyOrderBody(S3), SHOPIFY_CREDENTIALS.webhookSecret),
      ]);
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 3, ordersRecorded: 3, errors: [] });
    };
    const trialSwitched = async () => {
      const switched = await api('PATCH', `/v1/channels/${trial}`, { mode: 'automatic' });
      expect(switched.json()).toMatchObject({ mode: 'automatic' });
      trialShop.orders = [...trialShop.orders, shopifyNode(T2)];
      const { sync } = await bothRoutes(trial, {}, () => [
        shopifyWebhook(trial, 'orders/paid', shopifyOrderBody(T2), TRIAL_CREDENTIALS.webhookSecret),
      ]);
      expect(sync).toMatchObject({ status: 'done', ordersSeen: 2, ordersRecorded: 2 });
      await untilInvoiced([[trial, gid(T2)]]);
      // Switching issues new orders; the one held before waits for a person, who releases it.
      expect((await orderStatus(trial, gid(T1)))?.status).toBe('held');
      expect(await invoiceEventsOf(t1)).toBe(0);
      const approved = await api('POST', `/v1/invoices/${invoiceIdFor(tenant.id, t1)}/approve`);
      expect(approved.statusCode).toBe(202);
      await untilInvoiced([[trial, gid(T1)]]);
    };
    await Promise.all([bolSecondPoll(), shopifyAfterRestart(), trialSwitched()]);

    // WooCommerce: the sync during the outage fails after its retries; the channel shows it.
    const failed = await syncEnded(woo, outageSync, 120_000);
    expect(failed.status).toBe('failed');
    expect(failed.errors.join(' ')).toContain('HTTP 500');
    const failing = await eventually(async () => {
      const view = await channel(woo);
      return view.status === 'failing' ? view : undefined;
    });
    expect(failing.lastError).toContain('HTTP 500');
    // Retried within the sync before it gave up.
    expect(wooShop.requests.length).toBeGreaterThanOrEqual(2);

    // It recovers; the refunds of W2 arrive by order.updated and by the poll at the same time.
    wooShop.reply = undefined;
    const w2Refunded = wooOrder(9102, 'refunded');
    wooShop.orders = [w1, w2Refunded, w3];
    const { sync: recovery } = await bothRoutes(woo, {}, () => [
      wooWebhook(woo, w2Refunded, 'order.updated'),
      wooWebhook(woo, w1, 'order.updated'),
    ]);
    expect(recovery).toMatchObject({ status: 'done', ordersSeen: 3, ordersRecorded: 3, errors: [] });
    expect(await channel(woo)).toMatchObject({ status: 'ok', lastError: null });

    // The end state. Every platform order, by (channel, externalId):
    const expected: [channelId: string, externalId: string][] = [
      [woo, '9101'],
      [woo, '9102'],
      [woo, '9103'],
      [woo, '9104'],
      [shop, gid(S1)],
      [shop, gid(S2)],
      [shop, gid(S3)],
      [bolChannel, '1050000001'],
      [bolChannel, '1050000002'],
      [bolChannel, '1050000003'],
      [trial, gid(T1)],
      [trial, gid(T2)],
    ];
    const refunds: [channelId: string, orderExternalId: string, refundId: string, gross: string][] = [
      [woo, '9102', '4815', '30.00'],
      [woo, '9102', '4809', '4.95'],
      [shop, gid(S2), `gid://shopify/Refund/${S2_REFUND}`, '22.45'],
    ];
    const settled = await eventually(
      async () => {
        const all = await documents();
        return all.length === expected.length + refunds.length && all.every((d) => d.status === 'booked')
          ? all
          : undefined;
      },
      45_000,
      200,
    );

    // One OrderReceived per platform order, whichever routes brought it how often.
    const received = await sql<{ channel_id: string; external_id: string; n: string }>`
      select data->'order'->>'channelId' as channel_id, data->'order'->>'externalId' as external_id,
             count(*)::text as n
      from events where type = 'OrderReceived' and data->>'tenantId' = ${tenant.id}
      group by 1, 2 order by 1, 2`.execute(t.stack.db);
    expect(received.rows.map((r) => [r.channel_id, r.external_id, r.n]).sort()).toEqual(
      expected.map(([c, e]) => [c, e, '1']).sort(),
    );
    const allOrders = await orders();
    expect(allOrders.map((o) => o.id).sort()).toEqual(expected.map(([c, e]) => orderIdOf(c, e)).sort());
    for (const order of allOrders) expect(order.status, order.externalId).toBe('invoiced');

    // Exactly one invoice per order, and it is the one the order names.
    const invoices = settled.filter((d) => d.type === 'invoice');
    const perOrder = new Map<string, InvoiceView[]>();
    for (const invoice of invoices)
      perOrder.set(invoice.orderId, [...(perOrder.get(invoice.orderId) ?? []), invoice]);
    for (const order of allOrders) {
      expect(perOrder.get(order.id)?.length, order.externalId).toBe(1);
      expect(perOrder.get(order.id)![0]!.id).toBe(order.invoiceId);
    }
    expect(invoices).toHaveLength(expected.length);

    // Exactly one credit note per platform refund, correcting the invoice of its order.
    const creditNotes = settled.filter((d) => d.type === 'credit_note');
    expect(creditNotes.map((c) => c.id).sort()).toEqual(
      refunds.map(([c, , r]) => deterministicId('channel-refund', tenant.id, c, r)).sort(),
    );
    for (const [c, externalId, refundId, gross] of refunds) {
      const note = creditNotes.find(
        (n) => n.id === deterministicId('channel-refund', tenant.id, c, refundId),
      )!;
      expect(note.correctsInvoiceId).toBe(invoiceIdFor(tenant.id, orderIdOf(c, externalId)));
      expect(note.totals.gross).toBe(gross);
    }

    // Both series gapless from 1: no number taken twice, none lost to a duplicate or the test shop.
    // Each series is of its documents' own year: invoices are dated by the workflow, credit notes by the API.
    const series = (prefix: string, year: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${prefix}${year}-${String(i + 1).padStart(6, '0')}`);
    const yearOf = (documents: readonly { issueDate: string }[]) => documents[0]!.issueDate.slice(0, 4);
    expect(invoices.map((i) => i.number).sort()).toEqual(series('', yearOf(invoices), expected.length));
    expect(creditNotes.map((c) => c.number).sort()).toEqual(series('C', yearOf(creditNotes), refunds.length));

    // Each document issued, sent and booked once; one e-mail each.
    const lifecycle = await sql<{ type: string; stream: string; n: string }>`
      select type, stream, count(*)::text as n from events
      where type in ('InvoiceIssued', 'InvoiceSent', 'InvoiceBooked') and stream like ${`invoice-${tenant.id}-%`}
      group by 1, 2`.execute(t.stack.db);
    expect(lifecycle.rows).toHaveLength(3 * settled.length);
    for (const row of lifecycle.rows) expect(row.n, `${row.type} ${row.stream}`).toBe('1');
    expect(t.mail.messages).toHaveLength(settled.length);

    // The forged deliveries left nothing behind.
    const forgedTraces = await countRows(
      sql<{ n: string }>`select count(*)::text as n from events
        where data::text like '%vervalst@example.invalid%' or data::text like '%5123456789012349999%'`,
    );
    expect(forgedTraces).toBe(0);

    // No stand-in saw a request it would refuse.
    expect(wooShop.violations).toEqual([]);
    expect(shopify.violations).toEqual([]);
    expect(trialShop.violations).toEqual([]);
    const bolRefusals = bol.requests
      .filter((r) => r.response?.status !== 200 && r.response?.status !== 429)
      .map((r) => `${r.method} ${r.path} → ${r.response?.status}`);
    expect(bolRefusals).toEqual([]);
    expect(bol.requests.filter((r) => r.response?.status === 429)).toHaveLength(3);
    expect(await bolSpecViolations(bol)).toEqual([]);
  }, 180_000);
});

/**
 * bol's own OpenAPI document judges every request the adapter sent, when it is present (it may not
 * be redistributed; test/adapters/channels/bol/bol-spec-conformance.test.ts says how to fetch it).
 */
async function bolSpecViolations(bol: FakeBol): Promise<string[]> {
  if (!existsSync(BOL_SPEC)) return [];
  const api = new OpenAPIBackend({
    definition: JSON.parse(readFileSync(BOL_SPEC, 'utf8')) as never,
    validate: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: (ajv) => {
      for (const format of [
        'date-time',
        'date',
        'uri',
        'int32',
        'int64',
        'double',
        'float',
        'byte',
        'binary',
      ])
        ajv.addFormat(format, true);
      return ajv;
    },
  });
  await api.init();
  return bol.requests.flatMap((request) => {
    const req = {
      method: request.method,
      path: request.path,
      query: { ...request.query },
      headers: Object.fromEntries(
        Object.entries(request.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    };
    const operation = api.matchOperation(req);
    if (operation === undefined) return [`${request.method} ${request.path}: no such operation`];
    return (api.validateRequest(req, operation).errors ?? []).map(
      (error) => `${request.method} ${request.path}: ${error.instancePath} ${error.message}`,
    );
  });
}
