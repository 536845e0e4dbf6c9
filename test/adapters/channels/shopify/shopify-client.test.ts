import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createShopifyClient,
  type ShopifyClientOptions,
} from '../../../../src/adapters/channels/shopify/shopify-client.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
  ValidationError,
} from '../../../../src/domain/shared/errors.js';
import { ACCESS_TOKEN, type FakeShopify, startFakeShopify } from './fake-shopify-server.js';
import { money, NL_ORDER_GID, type Payload, rawNlOrder } from './shopify-fixtures.js';

const RANGE = { changedFrom: '2026-11-01T00:00:00Z', changedTo: '2026-12-01T00:00:00Z' };
const THROTTLED = {
  errors: [
    {
      message: 'Throttled',
      extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
    },
  ],
  extensions: {
    cost: {
      requestedQueryCost: 862,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 1000.0, currentlyAvailable: 100, restoreRate: 50.0 },
    },
  },
};

/** The NL fixture order as order number `n`, changed at `updatedAt`; its id stays above 2^53. */
const orderNode = (n: number, updatedAt: string): Payload => ({
  ...rawNlOrder(),
  id: `gid://shopify/Order/51234567890123456${String(n).padStart(2, '0')}`,
  updatedAt,
});

let server: FakeShopify;
let sleeps: number[];

beforeAll(async () => {
  server = await startFakeShopify();
});
afterAll(() => server.close());
beforeEach(() => {
  server.calls.length = 0;
  server.violations.length = 0;
  server.moreLines.clear();
  server.override = undefined;
  server.cost = { requested: 862, available: 1000, restoreRate: 50 };
  // 12 orders changed in November, one before and one exactly at the (exclusive) end of the range.
  server.orders = [
    orderNode(99, '2026-10-31T23:59:59Z'),
    ...Array.from({ length: 12 }, (_, i) =>
      orderNode(i + 1, `2026-11-${String(i + 2).padStart(2, '0')}T08:00:00Z`),
    ),
    orderNode(98, '2026-12-01T00:00:00Z'),
  ].reverse();
  sleeps = [];
});

const client = (options: Partial<ShopifyClientOptions> = {}) =>
  createShopifyClient({
    baseUrl: server.baseUrl,
    accessToken: ACCESS_TOKEN,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });

const rejection = async <E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
};

const allPages = async (shopify = client()) => {
  const pages: { orders: readonly ChannelOrder[]; next?: string }[] = [];
  let next: string | undefined;
  do {
    const page = await shopify.listOrders(RANGE, next);
    pages.push(page);
    next = page.next;
  } while (next !== undefined);
  return pages;
};

describe('Shopify client against a local Admin GraphQL API', () => {
  it('pages through the orders changed in the range, oldest change first, by endCursor', async () => {
    const pages = await allPages();

    expect(pages.map((p) => p.orders.length)).toEqual([5, 5, 2]);
    expect(pages.at(-1)?.next).toBeUndefined();
    const ids = pages.flatMap((p) => p.orders.map((o) => o.externalId));
    expect(ids).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `gid://shopify/Order/51234567890123456${String(i + 1).padStart(2, '0')}`,
      ),
    );
    expect(pages[0]?.orders[0]).toMatchObject({
      updatedAt: '2026-11-02T08:00:00.000Z',
      order: { currency: 'EUR', pricesIncludeVat: true, lines: expect.any(Array) },
      refunds: [],
      cancelled: false,
    });
    expect(server.calls.map((c) => c.variables)).toEqual([
      {
        first: 5,
        cursor: null,
        query: "updated_at:>='2026-11-01T00:00:00Z' AND updated_at:<'2026-12-01T00:00:00Z'",
      },
      {
        first: 5,
        cursor: pages[0]?.next,
        query: "updated_at:>='2026-11-01T00:00:00Z' AND updated_at:<'2026-12-01T00:00:00Z'",
      },
      {
        first: 5,
        cursor: pages[1]?.next,
        query: "updated_at:>='2026-11-01T00:00:00Z' AND updated_at:<'2026-12-01T00:00:00Z'",
      },
    ]);
    expect(server.violations).toEqual([]);
  });

  it('asks open-ended when no end is given, in whole UTC seconds', async () => {
    const page = await client({ pageSize: 50 }).listOrders({ changedFrom: '2026-11-13T09:00:00.750+01:00' });
    expect(server.calls[0]?.variables).toMatchObject({
      first: 50,
      query: "updated_at:>='2026-11-13T08:00:00Z'",
    });
    expect(page.orders.map((o) => o.updatedAt)).toEqual([
      '2026-11-13T08:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });

  it('refuses a range bound that is not an instant without asking Shopify', async () => {
    await rejection(
      client().listOrders({ changedFrom: "2026-11-01' OR updated_at:>'2000" }),
      ValidationError,
    );
    expect(server.calls).toEqual([]);
  });

  it('waits (requested − available) / restoreRate before the next call when the bucket runs low', async () => {
    server.cost = { requested: 862, available: 362, restoreRate: 50 };
    const shopify = client();
    const callsAtSleep: number[] = [];
    const waiting = createShopifyClient({
      baseUrl: server.baseUrl,
      accessToken: ACCESS_TOKEN,
      sleep: async (ms) => {
        sleeps.push(ms);
        callsAtSleep.push(server.calls.length);
      },
    });

    await allPages(waiting);
    // (862 − 362) / 50 = 10 s, before the second and the third page, never before the first.
    expect(sleeps).toEqual([10_000, 10_000]);
    expect(callsAtSleep).toEqual([1, 2]);

    sleeps.length = 0;
    server.cost = { requested: 862, available: 1000, restoreRate: 50 };
    await allPages(shopify);
    expect(sleeps).toEqual([]);
  });

  it('turns a THROTTLED answer into RateLimitedError with the wait the bucket needs', async () => {
    server.override = () => ({ body: THROTTLED });
    const error = await rejection(client().listOrders(RANGE), RateLimitedError);
    // (862 − 100) / 50 = 15.24 s
    expect(error.retryAfterMs).toBe(15_240);
    expect(error.message).toMatch(/Throttled/);
    expect(error.code).toBe('dependency_unavailable');
  });

  it('turns HTTP 429 into RateLimitedError with its Retry-After', async () => {
    server.override = () => ({
      status: 429,
      body: { errors: 'Exceeded 2 calls per second' },
      headers: { 'retry-after': '2.0' },
    });
    expect((await rejection(client().listOrders(RANGE), RateLimitedError)).retryAfterMs).toBe(2_000);
  });

  it('throws DependencyUnavailableError on a 502 with an HTML page', async () => {
    server.override = () => ({ status: 502, rawBody: '<html><body>Bad gateway</body></html>' });
    const error = await rejection(client().listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toMatch(/HTTP 502/);
    expect(error).not.toBeInstanceOf(RateLimitedError);
  });

  it('throws DependencyUnavailableError when Shopify answers after the timeout', async () => {
    server.override = () => ({ body: THROTTLED, delayMs: 2_000 });
    // Elapsed time on the monotonic clock: independent of the date and of clock changes.
    const started = performance.now();
    const error = await rejection(client({ timeoutMs: 150 }).listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toBe('Shopify did not answer within 150 ms');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('throws CredentialsRejectedError on 401 (wrong token) and 403', async () => {
    const error = await rejection(
      client({ accessToken: 'shpat_revoked' }).listOrders(RANGE),
      CredentialsRejectedError,
    );
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.code).toBe('credentials_rejected');
    server.override = () => ({ status: 403, body: { errors: 'Forbidden' } });
    expect((await rejection(client().listOrders(RANGE), CredentialsRejectedError)).message).toMatch(
      /HTTP 403/,
    );
  });

  it('throws CredentialsRejectedError when a field needs an access scope the app lacks', async () => {
    server.override = () => ({
      body: {
        data: null,
        errors: [{ message: 'Access denied for taxSettings field.', extensions: { code: 'ACCESS_DENIED' } }],
      },
    });
    expect((await rejection(client().listOrders(RANGE), CredentialsRejectedError)).message).toMatch(
      /taxSettings/,
    );
  });

  it('throws DependencyUnavailableError with the messages of other GraphQL errors', async () => {
    server.override = () => ({
      body: {
        errors: [
          {
            message: 'Internal error. Looks like something went wrong on our end.',
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
          { message: 'Second problem' },
        ],
      },
    });
    const error = await rejection(client().listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toBe(
      'Shopify GraphQL errors: Internal error. Looks like something went wrong on our end.; Second problem',
    );
  });

  it('throws DependencyUnavailableError on a 200 that is not JSON, or not the shape asked for', async () => {
    server.override = () => ({ status: 200, rawBody: 'upstream connect error' });
    expect((await rejection(client().listOrders(RANGE), DependencyUnavailableError)).message).toMatch(
      /not JSON/,
    );
    server.override = () => ({ body: { data: { orders: { nodes: 'none' } } } });
    expect((await rejection(client().listOrders(RANGE), DependencyUnavailableError)).message).toMatch(
      /unexpected shape/,
    );
  });

  it('throws DependencyUnavailableError when nothing listens', async () => {
    const gone = await startFakeShopify();
    await gone.close();
    const error = await rejection(
      client({ baseUrl: gone.baseUrl }).listOrders(RANGE),
      DependencyUnavailableError,
    );
    expect(error.message).toMatch(
      /Shopify unreachable at http:\/\/127\.0\.0\.1:\d+\/admin\/api\/2025-10\/graphql\.json/,
    );
  });

  it('reads the rest of the lines of an order with more than one nested page', async () => {
    const line = (i: number) => ({
      name: `Capsules ${i}`,
      sku: `CAP-${i}`,
      quantity: 1,
      requiresShipping: true,
      originalUnitPriceSet: money('3.50'),
      discountAllocations: [],
      taxLines: [{ rate: 0.09, ratePercentage: 9.0 }],
    });
    const big = orderNode(50, '2026-11-20T08:00:00Z');
    big.lineItems = {
      pageInfo: { hasNextPage: true, endCursor: Buffer.from('after:19').toString('base64') },
      nodes: Array.from({ length: 20 }, (_, i) => line(i + 1)),
    };
    server.orders = [big];
    server.moreLines.set(
      big.id,
      Array.from({ length: 125 }, (_, i) => line(i + 1)),
    );

    const page = await client().listOrders(RANGE);
    expect(page.orders[0]?.order?.lines.map((l) => l.sku)).toEqual(
      Array.from({ length: 125 }, (_, i) => `CAP-${i + 1}`),
    );
    expect(server.calls.map((c) => [c.operation, c.variables.cursor ?? null])).toEqual([
      ['orders', null],
      ['lineItems', Buffer.from('after:19').toString('base64')],
      ['lineItems', Buffer.from('after:119').toString('base64')],
    ]);
    expect(server.violations).toEqual([]);
  });

  it('reads one order by GID for a webhook that asks to re-read it', async () => {
    server.orders = [{ ...rawNlOrder(), updatedAt: '2026-11-24T14:05:00Z' }];
    const order = await client().getOrder(NL_ORDER_GID);
    expect(order).toMatchObject({ externalId: NL_ORDER_GID, updatedAt: '2026-11-24T14:05:00.000Z' });
    expect(server.calls.map((c) => [c.operation, c.variables])).toEqual([['order', { id: NL_ORDER_GID }]]);

    await expect(client().getOrder('gid://shopify/Order/1')).resolves.toBeUndefined();
    await rejection(client().getOrder('5123456789012345678'), ValidationError);
    expect(server.violations).toEqual([]);
  });
});
