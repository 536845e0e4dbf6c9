import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/http/route-table.js';
import { createLogger } from '../../src/main/logger.js';
import {
  type FakeWooCommerce,
  startFakeWooCommerce,
} from '../adapters/channels/woocommerce/fake-woocommerce.js';
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

/**
 * Who gets in, generated from the app's route table: every route is called without a key, with
 * garbled and revoked keys, with each role, and with another tenant's ids. A route added tomorrow is
 * checked the same way, and a route this file cannot call (a new path parameter, a body it has no
 * example for) fails the test instead of being skipped.
 */

const RATE_LIMIT = 400;
/** Text only tenant B's data contains: it must never appear in an answer to tenant A. */
const B_MARKER = 'Bartholomeus-Tenant-B';
const WOO_CREDENTIALS = {
  consumerKey: 'ck_access_control_0123',
  consumerSecret: 'cs_access_control_4567',
  webhookSecret: 'whsec-access-control-8910',
};

interface Tenant {
  readonly id: string;
  readonly merchantKey: string;
  readonly accountantKey: string;
}
/** One id per kind of resource, keyed by the path segment that precedes the id in a URL. */
type Resources = Readonly<Record<string, string>>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Call {
  readonly method: Method;
  readonly url: string;
  readonly payload?: string | object;
  readonly contentType?: string;
}

/** A valid body for each route that takes one (validation runs before the handler: a bad body would hide a 404). */
const exampleBodies: Record<string, (own: Resources) => object | string> = {
  'POST /v1/tenants': () => ({ name: 'Another tenant' }),
  'POST /v1/api-keys': () => ({ role: 'accountant' }),
  'PUT /v1/settings/seller': () => SELLER,
  'POST /v1/orders': () => orderBody(`A-${Math.random()}`),
  'POST /v1/orders/:id/retry': () => ({}),
  'POST /v1/orders/:id/vat-id-decision': () => ({ decision: 'charge_as_consumer' }),
  'POST /v1/invoices/:id/approve': () => ({}),
  'POST /v1/invoices/:id/credit-notes': () => ({ amount: '1.00', reason: 'goodwill' }),
  'POST /v1/invoices/:id/payments': () => ({ amount: '1.00', paidAt: '2026-11-21T10:00:00Z' }),
  'POST /v1/channels': () => ({
    type: 'woocommerce',
    name: 'Another shop',
    baseUrl: 'http://127.0.0.1:9/wp-json/wc/v3',
    credentials: { consumerKey: 'ck_a', consumerSecret: 'cs_a' },
  }),
  'PATCH /v1/channels/:id': () => ({ name: 'Renamed' }),
  'POST /v1/channels/:id/sync': () => ({}),
  'POST /v1/operator/projection-failures/replay': () => ({}),
  'POST /v1/exports/audit-trail/verify': () => '',
  'POST /v1/webhooks/:channelId': () => ({}),
};
const exampleQueries: Record<string, string> = {
  '/v1/reports/vat-return': 'period=2026-11',
  '/v1/reports/vat-return/documents': 'period=2026-11&box=1a',
  '/v1/reports/icp': 'period=2026-11',
  '/v1/reports/oss': 'period=2026-Q4',
  '/v1/exports/xaf': 'from=2026-11-01&to=2026-11-30',
  '/v1/exports/audit-trail': 'from=2026-11-01&to=2026-11-30',
  '/v1/exports/journal.csv': 'from=2026-11-01&to=2026-11-30',
};

const routeKey = (route: RouteEntry) => `${route.method} ${route.url}`;

/** The route's URL with each `:param` replaced by the id of that kind from `resources`. */
function urlFor(route: RouteEntry, resources: Resources): string {
  const segments = route.url.split('/');
  const path = segments
    .map((segment, index) => {
      if (!segment.startsWith(':')) return segment;
      const kind = segment === ':syncId' ? 'syncs' : segments[index - 1]!;
      const id = resources[kind];
      if (id === undefined) throw new Error(`no id of kind "${kind}" for ${routeKey(route)}: add one`);
      return encodeURIComponent(id);
    })
    .join('/');
  const query = exampleQueries[route.url];
  return query === undefined ? path : `${path}?${query}`;
}

function callFor(route: RouteEntry, resources: Resources, own: Resources = resources): Call {
  const method = route.method as Method;
  const url = urlFor(route, resources);
  const takesBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (!takesBody) return { method, url };
  const example = exampleBodies[routeKey(route)];
  if (example === undefined) throw new Error(`no example body for ${routeKey(route)}: add one`);
  const payload = example(own);
  return typeof payload === 'string'
    ? { method, url, payload, contentType: 'application/x-ndjson' }
    : { method, url, payload };
}

describe('access control on every route, generated from the route table (PGlite, real Temporal)', () => {
  const written: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line) => written.push(line) } });
  let t: TestStack;
  let shop: FakeWooCommerce;
  let a: Tenant;
  let b: Tenant;
  let aResources: Resources;
  let bResources: Resources;
  let routes: readonly RouteEntry[];
  const revokedKeys: string[] = [];

  const inject = (call: Call, headers: Record<string, string> = {}, remoteAddress?: string) =>
    t.app.inject({
      method: call.method,
      url: call.url,
      headers: {
        ...headers,
        ...(call.contentType === undefined ? {} : { 'content-type': call.contentType }),
      },
      ...(call.payload === undefined ? {} : { payload: call.payload }),
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    });

  async function tenantWithKeys(name: string): Promise<Tenant> {
    const created = await createTenant(t.app, name);
    const accountant = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(created.apiKey),
      payload: { role: 'accountant' },
    });
    return {
      id: created.id,
      merchantKey: created.apiKey,
      accountantKey: (accountant.json() as { apiKey: string }).apiKey,
    };
  }

  /** An order invoiced, a channel with a sync, and a spare key: one id of every kind a URL can name. */
  async function resourcesOf(tenant: Tenant, customerName: string): Promise<Resources> {
    const order = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: bearer(tenant.merchantKey),
      payload: orderBody(`${customerName}-order`, {
        customer: {
          ...orderBody('x').customer,
          name: customerName,
          companyName: `${customerName} B.V.`,
          email: 'b@example.nl',
        },
      }),
    });
    const orderId = (order.json() as { id: string }).id;
    const invoiceId = await eventually(async () => {
      const view = await t.app.inject({
        method: 'GET',
        url: `/v1/orders/${orderId}`,
        headers: bearer(tenant.merchantKey),
      });
      return (view.json() as { invoiceId?: string | null }).invoiceId ?? undefined;
    }, 30_000);
    const channel = await t.app.inject({
      method: 'POST',
      url: '/v1/channels',
      headers: bearer(tenant.merchantKey),
      payload: {
        type: 'woocommerce',
        name: `${customerName} shop`,
        baseUrl: shop.baseUrl,
        credentials: WOO_CREDENTIALS,
        mode: 'automatic',
      },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const channelId = (channel.json() as { id: string }).id;
    const sync = await t.app.inject({
      method: 'POST',
      url: `/v1/channels/${channelId}/sync`,
      headers: bearer(tenant.merchantKey),
      payload: {},
    });
    const { syncId } = sync.json() as { syncId: string };
    expect(sync.statusCode, sync.body).toBe(202);
    // A key of its own, so the DELETE route can be called on it without locking anyone out.
    const spare = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.merchantKey),
      payload: { role: 'accountant' },
    });
    return {
      orders: orderId,
      invoices: invoiceId,
      channels: channelId,
      syncs: syncId,
      'api-keys': (spare.json() as { id: string }).id,
      webhooks: channelId,
    };
  }

  const eventsOfTenant = async (tenantId: string) =>
    Number(
      (
        await sql<{
          n: string;
        }>`select count(*)::text as n from events where metadata->>'tenantId' = ${tenantId}`.execute(
          t.stack.db,
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await startTestStack('pglite', { logger, rateLimit: { maxPerMinute: RATE_LIMIT } });
    shop = await startFakeWooCommerce(WOO_CREDENTIALS);
    a = await tenantWithKeys('Tenant A');
    b = await tenantWithKeys('Tenant B');
    aResources = await resourcesOf(a, 'Anna-Tenant-A');
    bResources = await resourcesOf(b, B_MARKER);
    routes = t.app.routeTable;
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await shop?.close();
  });

  const guarded = () =>
    routes.filter((route) => route.access !== 'public' && route.access !== 'signed-webhook');

  it('has a route table with every kind of access, each route reachable by this test', () => {
    const kinds = new Set(routes.map((route) => route.access));
    expect([...kinds].sort()).toEqual(['merchant', 'operator', 'public', 'reader', 'signed-webhook']);
    expect(guarded().length).toBeGreaterThan(30);
    // Building every call up front fails on a new path parameter or a missing example body.
    for (const route of routes.filter((r) => !r.url.startsWith('/docs'))) callFor(route, aResources);
  });

  it('answers 401 problem+json to a missing, garbled, unknown or revoked key on every guarded route', async () => {
    const spare = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(a.merchantKey),
      payload: { role: 'merchant' },
    });
    const revoked = spare.json() as { id: string; apiKey: string };
    revokedKeys.push(revoked.apiKey);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${revoked.id}`,
      headers: bearer(a.merchantKey),
    });
    expect(revoke.statusCode).toBe(204);
    const wrongKeys: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-key' },
      { authorization: `Basic ${Buffer.from(`user:${a.merchantKey}`).toString('base64')}` },
      { authorization: `Bearer ${a.merchantKey}x` },
      { authorization: `Bearer ${a.merchantKey.slice(0, -1)}` },
      { authorization: `Bearer ${createHash('sha256').update(a.merchantKey).digest('hex')}` },
      { authorization: `Bearer ${ADMIN_KEY} x` },
      bearer(revoked.apiKey),
    ];
    let checked = 0;
    for (const [index, route] of guarded().entries()) {
      for (const headers of wrongKeys) {
        // Each route from its own address: this is not about the budget of made-up keys (tested below).
        const response = await inject(callFor(route, aResources), headers, `10.0.${index}.1`);
        expect(response.statusCode, `${routeKey(route)} with ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        checked++;
      }
    }
    expect(checked).toBe(guarded().length * wrongKeys.length);
  });

  it('gives the operator routes only to the operator key, and merchant routes only to merchant keys', async () => {
    for (const route of guarded()) {
      const call = callFor(route, aResources);
      const asMerchant = await inject(call, bearer(a.merchantKey));
      const asAccountant = await inject(call, bearer(a.accountantKey));
      const asOperator = await inject(call, bearer(ADMIN_KEY));
      const where = routeKey(route);
      if (route.access === 'operator') {
        expect(asMerchant.statusCode, where).toBe(403);
        expect(asAccountant.statusCode, where).toBe(403);
        expect([401, 403], where).not.toContain(asOperator.statusCode);
      } else {
        // The operator key manages tenants; it is nobody's tenant key.
        expect(asOperator.statusCode, where).toBe(401);
        expect([401, 403], `${where}: ${asMerchant.body}`).not.toContain(asMerchant.statusCode);
        if (route.access === 'merchant') expect(asAccountant.statusCode, where).toBe(403);
        else expect([401, 403], `${where}: ${asAccountant.body}`).not.toContain(asAccountant.statusCode);
      }
      for (const response of [asMerchant, asAccountant, asOperator])
        expect(response.statusCode).toBeLessThan(500);
    }
  });

  it("answers 404 to another tenant's ids and never shows its data, on every tenant route", async () => {
    const bEventsBefore = await eventsOfTenant(b.id);
    const tenantRoutes = guarded().filter((route) => route.access !== 'operator');
    let crossTenantCalls = 0;
    for (const route of tenantRoutes) {
      const keys = route.access === 'reader' ? [a.merchantKey, a.accountantKey] : [a.merchantKey];
      for (const key of keys) {
        const response = await inject(callFor(route, bResources, aResources), bearer(key));
        const where = `${routeKey(route)} with B's ids`;
        if (route.url.includes(':')) {
          expect(response.statusCode, `${where}: ${response.body}`).toBe(404);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
        expect(response.body, where).not.toContain(B_MARKER);
        for (const id of Object.values(bResources)) {
          // A 404 may name the id it was asked for; it must never come back inside data.
          if (response.statusCode !== 404) expect(response.body, where).not.toContain(id);
        }
        crossTenantCalls++;
      }
    }
    expect(crossTenantCalls).toBeGreaterThan(tenantRoutes.length);
    expect(await eventsOfTenant(b.id)).toBe(bEventsBefore);
    // B still sees its own data: the 404s above were about the caller, not a broken resource.
    const own = await t.app.inject({
      method: 'GET',
      url: `/v1/invoices/${bResources.invoices}`,
      headers: bearer(b.accountantKey),
    });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(B_MARKER);
  });

  it('answers public routes without a key, and takes webhooks only with the signature of that channel', async () => {
    for (const route of routes.filter(
      (r) => r.access === 'public' && !r.url.includes('*') && !r.url.includes(':'),
    )) {
      const response = await inject({ method: route.method as Method, url: route.url });
      expect([200, 302, 503], routeKey(route)).toContain(response.statusCode);
    }
    // The documentation UI runs scripts of its own: it gets its own policy, not the API's "nothing runs".
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const body = JSON.stringify({ id: 1, status: 'processing' });
    const signedWith = (secret: string) => createHmac('sha256', secret).update(body).digest('base64');
    const webhook = (channelId: string, signature: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/webhooks/${channelId}`,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-delivery-id': 'd-1',
          'x-wc-webhook-signature': signature,
        },
        payload: body,
      });
    expect((await webhook(bResources.channels!, signedWith('a-guessed-secret'))).statusCode).toBe(401);
    expect((await webhook(bResources.channels!, '')).statusCode).toBe(401);
    expect((await webhook('no-such-channel', signedWith(WOO_CREDENTIALS.webhookSecret))).statusCode).toBe(
      404,
    );
  });

  it('lists keys without their secrets and revokes one at once; the last merchant key stays', async () => {
    const issued = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(b.merchantKey),
      payload: { role: 'merchant' },
    });
    const second = issued.json() as { id: string; apiKey: string };
    revokedKeys.push(second.apiKey);
    const ok = await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(second.apiKey) });
    expect(ok.statusCode).toBe(200);

    const listed = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(second.apiKey) });
    const items = (
      listed.json() as { items: { id: string; role: string; revokedAt: string | null; current: boolean }[] }
    ).items;
    expect(items.map((key) => [key.role, key.revokedAt, key.current])).toEqual([
      ['merchant', null, false],
      ['accountant', null, false],
      ['accountant', null, false],
      ['merchant', null, true],
    ]);
    for (const secret of [
      b.merchantKey,
      second.apiKey,
      createHash('sha256').update(second.apiKey).digest('hex'),
    ]) {
      expect(listed.body).not.toContain(secret);
    }

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${second.id}`,
      headers: bearer(second.apiKey),
    });
    expect(revoked.statusCode).toBe(204);
    // The very next request with it is refused: no cache, no projection lag.
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(second.apiKey) })).statusCode,
    ).toBe(401);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${second.id}`,
      headers: bearer(b.merchantKey),
    });
    expect(again.statusCode).toBe(204);
    const last = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${(items[0] as { id: string }).id}`,
      headers: bearer(b.merchantKey),
    });
    expect(last.statusCode).toBe(409);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(b.merchantKey) })).statusCode,
    ).toBe(200);

    const after = (
      (await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(b.merchantKey) })).json() as {
        items: { id: string; revokedAt: string | null }[];
      }
    ).items;
    expect(after.find((key) => key.id === second.id)?.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The revocation is a fact in the tenant's history (the audit trail), with who did it.
    const recorded = await sql<{ data: { keyId: string; revokedBy: string } }>`
      select data from events where type = 'ApiKeyRevoked' and data->>'keyId' = ${second.id}`.execute(
      t.stack.db,
    );
    expect(recorded.rows.map((row) => row.data.revokedBy)).toEqual([second.id]);
  });

  it('sends the security headers and refuses bodies over the route limit with 413', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(a.merchantKey) });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');

    const settings = routes.find((route) => routeKey(route) === 'PUT /v1/settings/seller')!;
    const orders = routes.find((route) => routeKey(route) === 'POST /v1/orders')!;
    expect(settings.bodyLimit).toBeLessThan(orders.bodyLimit!);
    const tooLarge = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: { ...bearer(a.merchantKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...SELLER, name: 'x'.repeat(settings.bodyLimit!) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The same size is fine where the route expects it (an order of many lines), and fails on content, not size.
    const bigOrder = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...bearer(a.merchantKey), 'content-type': 'application/json' },
      payload: JSON.stringify(
        orderBody('big', {
          lines: [
            {
              description: 'x'.repeat(settings.bodyLimit!),
              quantity: '1',
              unitPrice: '1.00',
              vatClass: 'standard',
            },
          ],
        }),
      ),
    });
    expect(bigOrder.statusCode).toBe(400);
  });

  it('limits each key to its budget with 429 and Retry-After, without touching other keys; made-up keys share one', async () => {
    const spent = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(b.merchantKey) });
    const remaining = Number(spent.headers['x-ratelimit-remaining']);
    expect(Number(spent.headers['x-ratelimit-limit'])).toBe(RATE_LIMIT);
    for (let i = 0; i < remaining; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v1/settings/seller',
        headers: bearer(b.merchantKey),
      });
      expect(response.statusCode).toBe(200);
    }
    const limited = await t.app.inject({
      method: 'GET',
      url: '/v1/settings/seller',
      headers: bearer(b.merchantKey),
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The accountant key of the same tenant and another tenant's key have their own budgets.
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(b.accountantKey) })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(a.merchantKey) })).statusCode,
    ).toBe(200);

    const guesses = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      guesses.push(
        (
          await inject(
            { method: 'GET', url: '/v1/orders' },
            { authorization: `Bearer afk_guess${i}` },
            '10.9.9.9',
          )
        ).statusCode,
      );
    }
    expect(guesses.filter((status) => status === 401)).toHaveLength(RATE_LIMIT);
    expect(guesses.at(-1)).toBe(429);
  });

  it('never writes a secret it used to the log, at trace level, through a whole run', async () => {
    await eventually(async () =>
      written.some((line) => line.includes('"statusCode":429')) ? true : undefined,
    );
    const log = written.join('');
    expect(log.length).toBeGreaterThan(100_000);
    const secrets = [
      ADMIN_KEY,
      ...[a, b].flatMap((tenant) => [tenant.merchantKey, tenant.accountantKey]),
      ...revokedKeys,
      WOO_CREDENTIALS.consumerKey,
      WOO_CREDENTIALS.consumerSecret,
      WOO_CREDENTIALS.webhookSecret,
    ];
    for (const secret of secrets) {
      expect(log, 'a secret in the log').not.toContain(secret);
      expect(log).not.toContain(secret.slice(secret.indexOf('_') + 1));
      expect(log).not.toContain(createHash('sha256').update(secret).digest('hex'));
      expect(log).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});
