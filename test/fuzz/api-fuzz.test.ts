import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
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
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';
import { Fuzzer } from './harness.js';
import { materialize, mutationArb, type RequestSpec, type Role } from './requests.js';
import {
  checkPdf,
  checkUbl,
  checkXaf,
  type RoundTripText,
  roundTripOrder,
  roundTripTextArb,
} from './round-trip.js';
import { type Fixtures, ROUTE_CASES, type TenantName } from './route-cases.js';

/** Fixed: the same requests every run, so a failure can be replayed. Override with FUZZ_SEED. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Fuzzed requests per route unless its case says otherwise. */
const DEFAULT_RUNS = Number(process.env.FUZZ_RUNS ?? 70);
const ROUND_TRIPS = 6;
const ROUND_TRIP_BATCH = 3;

const SHOP_CREDENTIALS = {
  consumerKey: 'ck_fuzz_0123',
  consumerSecret: 'cs_fuzz_4567',
  webhookSecret: 'whsec-fuzz',
};

interface Tenant {
  readonly id: string;
  readonly merchantKey: string;
  readonly accountantKey?: string;
}

/** FNV-1a: a stable seed per route, so adding a route does not change the others' requests. */
const hash = (text: string) => {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
};

const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)|\*$/g)].map((m) => m[1] ?? '*');

const queryKeysOf = (route: RouteEntry): string[] => {
  const querystring = (route.schema as { querystring?: unknown } | undefined)?.querystring;
  const shape = (querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
};

/** A route needs a hand-written valid request unless it takes nothing: no path, body or query input. */
const needsCase = (route: RouteEntry) => {
  const schema = route.schema as { body?: unknown; querystring?: z.ZodType } | undefined;
  const requiredQuery = schema?.querystring !== undefined && !schema.querystring.safeParse({}).success;
  return (
    route.method !== 'GET' || paramNames(route.url).length > 0 || schema?.body !== undefined || requiredQuery
  );
};

describe('API fuzzing: every route of the route table under malformed input (PGlite, real Temporal)', () => {
  const errorLog: string[] = [];
  const logger = createLogger({
    level: 'error',
    destination: { write: (line: string) => errorLog.push(line) },
  });
  let t: TestStack;
  let shop: FakeWooCommerce;
  let fuzzer: Fuzzer;
  let fixtures: Fixtures;
  const tenants = {} as Record<TenantName, Tenant>;
  const roundTrip = { sent: 0, accepted: 0, verified: 0, problems: [] as string[] };
  const started = Date.now();

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: bearer(key),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const orderOf = (key: string, id: string) =>
    api('GET', `/v1/orders/${id}`, key).then((r) => r.json() as { status: string; invoiceId: string | null });

  beforeAll(async () => {
    shop = await startFakeWooCommerce(SHOP_CREDENTIALS);
    t = await startTestStack('pglite', { logger });
    if (process.env.FUZZ_VERBOSE !== undefined) console.log(`stack started at ${Date.now() - started} ms`);
    fuzzer = new Fuzzer(t, errorLog);
    const main = await createTenant(t.app, 'Fuzz Hoofdwinkel');
    const accountant = (await api('POST', '/v1/api-keys', main.apiKey, { role: 'accountant' })).json() as {
      apiKey: string;
    };
    tenants.main = { id: main.id, merchantKey: main.apiKey, accountantKey: accountant.apiKey };
    const bare = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/tenants',
        headers: bearer(ADMIN_KEY),
        payload: { name: 'Fuzz zonder instellingen' },
      })
    ).json() as { id: string; apiKey: string };
    tenants.orders = { id: bare.id, merchantKey: bare.apiKey };
    const settings = await createTenant(t.app, 'Fuzz instellingen');
    tenants.settings = { id: settings.id, merchantKey: settings.apiKey };
  });
  afterAll(async () => {
    await t?.stop();
    await shop?.close();
  });

  it('round-trips unicode edge text into the UBL, the PDF and the XAF auditfile, as cleaned', async () => {
    const key = tenants.main.merchantKey;
    const texts = fc.sample(roundTripTextArb, { seed: SEED, numRuns: ROUND_TRIPS });
    const mark = (what: string) => {
      if (process.env.FUZZ_VERBOSE !== undefined) console.log(`${what} at ${Date.now() - started} ms`);
    };
    const invoiceOf = async (orderId: string) => {
      const order = await eventually(async () => {
        const o = await orderOf(key, orderId);
        return ['invoiced', 'needs_attention', 'held'].includes(o.status) ? o : undefined;
      }, 90_000);
      if (order.invoiceId === null) return { order, invoiceId: undefined };
      const invoiceId = order.invoiceId;
      await eventually(async () => {
        const invoice = (await api('GET', `/v1/invoices/${invoiceId}`, key)).json() as { status: string };
        return ['booked', 'needs_attention'].includes(invoice.status) ? invoice : undefined;
      }, 90_000);
      return { order, invoiceId };
    };

    mark('round trips start');
    // A plain order to credit: a credit note of a Latin-only invoice renders fast.
    const creditable = await api('POST', '/v1/orders', key, orderBody('fuzz-creditable'));
    roundTrip.sent = texts.length;
    const verifiedTexts: RoundTripText[] = [];
    const invoiced: { orderId: string; invoiceId: string }[] = [];
    // A few at a time: the worker renders in this process, and a starved workflow task times out and waits.
    for (let first = 0; first < texts.length; first += ROUND_TRIP_BATCH) {
      const batch = texts.slice(first, first + ROUND_TRIP_BATCH);
      const submitted = await Promise.all(
        batch.map(async (text, offset) => ({
          text,
          index: first + offset,
          res: await api('POST', '/v1/orders', key, roundTripOrder(first + offset, text)),
        })),
      );
      for (const { text, index, res } of submitted) {
        if (res.statusCode !== 202) {
          roundTrip.problems.push(`round trip ${index} refused (${res.statusCode}): ${res.body}`);
          continue;
        }
        roundTrip.accepted += 1;
        const id = (res.json() as { id: string }).id;
        const { order, invoiceId } = await invoiceOf(id);
        if (invoiceId === undefined || order.status !== 'invoiced') {
          roundTrip.problems.push(`order ${id} not invoiced: ${JSON.stringify(order)}`);
          continue;
        }
        invoiced.push({ orderId: id, invoiceId });
        mark(`order ${id} booked`);
        const ubl = (await api('GET', `/v1/invoices/${invoiceId}/ubl`, key)).body;
        const pdf = (await api('GET', `/v1/invoices/${invoiceId}/pdf`, key)).rawPayload;
        const problems = [...(await checkUbl(ubl, text)), ...(await checkPdf(pdf, text))];
        roundTrip.problems.push(...problems.map((p) => `order ${id}: ${p}`));
        if (problems.length === 0) verifiedTexts.push(text);
        mark(`order ${id} verified`);
      }
    }

    const setupSeconds = Math.round((Date.now() - started) / 1000);
    // The first round-trip invoice (unpaid) serves the fuzzer too: it is read, paid, retried and approved.
    expect(invoiced.length, roundTrip.problems.join('\n')).toBeGreaterThanOrEqual(1);
    const creditableInvoice = await invoiceOf((creditable.json() as { id: string }).id);
    const booked = await sql<{ first: string; last: string }>`
      select min(booking_date)::text as first, max(booking_date)::text as last
      from journal_lines where tenant_id = ${tenants.main.id}`.execute(t.stack.db);
    const { first, last } = booked.rows[0]!;
    const xaf = await api('GET', `/v1/exports/xaf?from=${first}&to=${last}`, tenants.main.accountantKey!);
    expect(xaf.statusCode).toBe(200);
    const xafProblems = await checkXaf(xaf.body, verifiedTexts);
    roundTrip.problems.push(...xafProblems);
    roundTrip.verified = xafProblems.length === 0 ? verifiedTexts.length : 0;

    // The rest of the fixtures: channels (a shop stand-in answers the polls), a sync, an audit trail.
    const channel = await api('POST', '/v1/channels', key, {
      type: 'woocommerce',
      name: 'Fuzz shop',
      baseUrl: shop.baseUrl,
      credentials: SHOP_CREDENTIALS,
      mode: 'automatic',
      pollIntervalMinutes: 1440,
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const channelId = (channel.json() as { id: string }).id;
    const sync = await api('POST', `/v1/channels/${channelId}/sync`, key, {});
    expect(sync.statusCode, sync.body).toBe(202);
    const webhookChannel = await api('POST', '/v1/channels', tenants.orders.merchantKey, {
      type: 'woocommerce',
      name: 'Fuzz webhooks',
      baseUrl: shop.baseUrl,
      credentials: SHOP_CREDENTIALS,
      mode: 'automatic',
      pollIntervalMinutes: 1440,
    });
    expect(webhookChannel.statusCode, webhookChannel.body).toBe(201);
    const revocableKeyIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const issued = await api('POST', '/v1/api-keys', key, { role: 'accountant' });
      revocableKeyIds.push((issued.json() as { id: string }).id);
    }
    await fuzzer.settle();
    const recorded = await sql<{ first: string; last: string }>`
      select to_char(min(recorded_at) at time zone 'UTC', 'YYYY-MM-DD') as first,
             to_char(max(recorded_at) at time zone 'UTC', 'YYYY-MM-DD') as last from events`.execute(
      t.stack.db,
    );
    const trail = await api(
      'GET',
      `/v1/exports/audit-trail?from=${recorded.rows[0]!.first}&to=${recorded.rows[0]!.last}`,
      key,
    );
    fixtures = {
      mainTenantId: tenants.main.id,
      orderId: invoiced[0]!.orderId,
      invoiceId: invoiced[0]!.invoiceId,
      creditableInvoiceId: creditableInvoice.invoiceId!,
      channelId,
      syncId: (sync.json() as { syncId: string }).syncId,
      webhookChannelId: (webhookChannel.json() as { id: string }).id,
      webhookSecret: SHOP_CREDENTIALS.webhookSecret,
      woocommerceOrder: JSON.parse(
        readFileSync(
          new URL(
            '../fixtures/channels/woocommerce/orders/nl-gross-coupon-mixed-rates.json',
            import.meta.url,
          ),
          'utf8',
        ),
      ) as Record<string, unknown>,
      shopBaseUrl: shop.baseUrl,
      shopCredentials: SHOP_CREDENTIALS,
      revocableKeyIds,
      auditTrail: trail.body,
      bookedFrom: first,
      bookedTo: last,
    };

    mark(`fuzz setup: ${roundTrip.accepted} round trips by ${setupSeconds} s, fixtures`);
    expect(roundTrip.problems).toEqual([]);
    expect(roundTrip.verified).toBe(ROUND_TRIPS);
  }, 300_000);

  it('answers every fuzzed request of every route without a 5xx, with problem+json, and writes nothing it refuses', async () => {
    expect(fixtures, 'the round-trip test sets up the fixtures').toBeDefined();
    const routes = t.app.routeTable;
    const missing = routes.filter(
      (route) => needsCase(route) && ROUTE_CASES[`${route.method} ${route.url}`] === undefined,
    );
    expect(
      missing.map((route) => `${route.method} ${route.url}`),
      'routes without a valid example in test/fuzz/route-cases.ts',
    ).toEqual([]);

    const keyOf = (role: Role, tenant: Tenant): Record<string, string> => {
      if (role === 'none') return {};
      if (role === 'admin') return bearer(ADMIN_KEY);
      if (role === 'accountant' && tenant.accountantKey !== undefined) return bearer(tenant.accountantKey);
      return bearer(tenant.merchantKey);
    };
    /** The key the route's access asks for; reads alternate between both roles that may read. */
    const roleFor = (route: RouteEntry, n: number): Role => {
      switch (route.access) {
        case 'merchant':
          return 'merchant';
        case 'reader':
          return n % 2 === 0 ? 'merchant' : 'accountant';
        case 'operator':
          return 'admin';
        default:
          return 'none';
      }
    };

    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const routeCase = ROUTE_CASES[key];
      const tenant = tenants[routeCase?.tenant ?? 'main'];
      const example = (n: number): RequestSpec =>
        routeCase?.example(fixtures, n) ?? { params: {}, query: [] };
      const runs = routeCase?.runs ?? DEFAULT_RUNS;
      const hasBody =
        (route.schema as { body?: unknown } | undefined)?.body !== undefined || example(0).body !== undefined;
      const bodyLimit = routeCase?.bodyLimit ?? route.bodyLimit ?? t.app.initialConfig.bodyLimit ?? 1_048_576;
      const queryKeys = queryKeysOf(route);
      fuzzer.stats.routes += 1;
      const routeStarted = Date.now();
      const before = { ...fuzzer.stats };

      // The valid request first: it must be answered, and not with a 5xx.
      const valid = example(0);
      const answer = await fuzzer.send(
        key,
        materialize(route.method, route.url, valid, [], bodyLimit),
        keyOf(roleFor(route, 0), tenant),
      );
      const samples = fc.sample(
        fc.nat({ max: 1_000_000 }).chain((n) => {
          const spec = example(n + 1);
          return mutationArb(spec, { queryKeys, hasBody }).map((mutations) => ({ spec, mutations }));
        }),
        { seed: SEED ^ hash(key), numRuns: runs },
      );
      for (const [index, { spec, mutations }] of samples.entries()) {
        const wire = materialize(route.method, route.url, spec, mutations, bodyLimit);
        const res = await fuzzer.send(key, wire, keyOf(roleFor(route, index + 1), tenant));
        if (
          route.url === '/docs/static/*' &&
          res?.statusCode === 200 &&
          res.body.includes('"devDependencies"')
        ) {
          fuzzer.failures.push({
            route: key,
            kind: 'leak',
            request: wire.url,
            detail: 'served package.json',
          });
        }
      }
      if (process.env.FUZZ_VERBOSE !== undefined) {
        const { requests, accepted, settleMs } = fuzzer.stats;
        console.log(
          `${key}: valid example ${answer?.statusCode}, ${requests - before.requests} requests (${accepted - before.accepted} accepted writes, ${settleMs - before.settleMs} ms settling) in ${Date.now() - routeStarted} ms`,
        );
      }
    }
    await fuzzer.settle();

    const { stats } = fuzzer;
    const seconds = Math.round((Date.now() - started) / 1000);
    const problemJson =
      stats.rejected === 0 ? 100 : Math.floor((stats.problemJson / stats.rejected) * 1000) / 10;
    console.log(
      `fuzz: routes=${stats.routes} requests=${stats.requests} 5xx=${stats.fiveXx} writesForRejected=${stats.writesForRejected} problemJson=${problemJson}% roundTrips=${roundTrip.verified} in ${seconds} s`,
    );
    if (fuzzer.failures.length > 0) console.log(fuzzer.report());
    expect(stats.fiveXx, fuzzer.report()).toBe(0);
    expect(stats.writesForRejected, fuzzer.report()).toBe(0);
    expect(fuzzer.failures, fuzzer.report()).toEqual([]);
  }, 600_000);
});
