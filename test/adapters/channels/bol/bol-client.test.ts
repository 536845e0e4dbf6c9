import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BolOrderJson } from '../../../../src/adapters/channels/bol/bol-api-schemas.js';
import { type BolClientOptions, createBolClient } from '../../../../src/adapters/channels/bol/bol-client.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
  ValidationError,
} from '../../../../src/domain/shared/errors.js';
import { freePort } from '../../../support/free-port.js';
import { businessOrder, cancelledOrder, consumerOrder, openOrder } from './bol-order-fixtures.js';
import { BOL_V10, type FakeBol, type FakeReply, startFakeBol } from './fake-bol-server.js';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const CREDENTIALS = { clientId: 'autofactuur-test-client', clientSecret: 'do-not-log-this-secret' };
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;

let current = NOW;
const now = () => new Date(current);
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

let bol: FakeBol;
beforeAll(async () => {
  bol = await startFakeBol({ ...CREDENTIALS, now });
});
afterAll(() => bol.close());
beforeEach(() => {
  bol.reset();
  current = NOW;
});

const client = (options: Partial<BolClientOptions> = {}) =>
  createBolClient({ baseUrl: bol.baseUrl, tokenUrl: bol.tokenUrl, ...CREDENTIALS, now, ...options });

/** The order as bol would hold it with every item last changed at `at`. */
const changedAt = (order: BolOrderJson, at: string, orderId = order.orderId): BolOrderJson => ({
  ...order,
  orderId,
  orderItems: order.orderItems.map((item) => ({ ...item, latestChangedDateTime: at })),
});

const rejection = async <E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E) => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
};

const onList = (answer: FakeReply) => {
  bol.intercept = (request) => (request.path === '/retailer/orders' ? answer : undefined);
};

const lastFifteenMinutes = { changedFrom: minutesAgo(15) };
const apiAuthorizations = () => bol.requests.map((request) => request.headers.authorization);

describe('bol client: listing orders', () => {
  it('polls a recent range with change-interval-minute and maps each changed order, oldest change first', async () => {
    bol.orders = [
      changedAt(consumerOrder, minutesAgo(5)),
      changedAt(businessOrder, minutesAgo(12)),
      changedAt(cancelledOrder, minutesAgo(3)),
      changedAt(openOrder, minutesAgo(40)),
    ];

    const page = await client().listOrders(lastFifteenMinutes);

    expect(page.next).toBeUndefined();
    expect(
      page.orders.map(({ externalId, updatedAt, cancelled }) => ({ externalId, updatedAt, cancelled })),
    ).toEqual([
      { externalId: '1043977215', updatedAt: minutesAgo(12), cancelled: false },
      { externalId: '1043965710', updatedAt: minutesAgo(5), cancelled: false },
      { externalId: '1043988840', updatedAt: minutesAgo(3), cancelled: true },
    ]);
    expect(page.orders[0]!.order?.customer.vatId).toBe('NL123456782B01');
    expect(bol.requests.map((request) => [request.path, request.query])).toEqual([
      [
        '/retailer/orders',
        { 'fulfilment-method': 'ALL', status: 'ALL', 'change-interval-minute': '16', page: '1' },
      ],
      ['/retailer/orders/1043965710', {}],
      ['/retailer/orders/1043977215', {}],
      ['/retailer/orders/1043988840', {}],
    ]);
    for (const request of bol.requests) {
      expect(request.headers).toEqual({ accept: BOL_V10, authorization: 'Bearer token-1' });
    }
  });

  it('backfills an older range day by day with latest-change-date, fetching only orders changed in it', async () => {
    bol.orders = [consumerOrder, businessOrder, cancelledOrder];
    const range = { changedFrom: '2026-11-19T00:00:00Z', changedTo: '2026-11-22T00:00:00Z' };
    const bolClient = client();

    const orders: ChannelOrder[] = [];
    let page: string | undefined;
    do {
      const result = await bolClient.listOrders(range, page);
      orders.push(...result.orders);
      page = result.next;
    } while (page !== undefined);

    expect(orders.map((order) => [order.externalId, order.updatedAt])).toEqual([
      ['1043977215', '2026-11-19T16:02:55.000Z'],
      ['1043965710', '2026-11-21T15:40:02.000Z'],
    ]);
    const lists = bol.requests.filter((request) => request.path === '/retailer/orders');
    expect(lists.map((request) => request.query['latest-change-date'])).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22', // the Amsterdam date of the range's end
    ]);
    // The cancelled order was listed on 22 November, after the range: its details were not fetched.
    expect(bol.requests.filter((request) => request.path !== '/retailer/orders').map((r) => r.path)).toEqual([
      '/retailer/orders/1043977215',
      '/retailer/orders/1043965710',
    ]);
  });

  it('pages by 50: a full page points to the next one', async () => {
    bol.orders = Array.from({ length: 60 }, (_, index) =>
      changedAt(
        consumerOrder,
        new Date(NOW - (index + 1) * 5_000).toISOString(),
        `20${String(index).padStart(8, '0')}`,
      ),
    );
    const bolClient = client();
    const range = { changedFrom: minutesAgo(10) };

    const first = await bolClient.listOrders(range);
    const second = await bolClient.listOrders(range, first.next);

    expect(first.orders).toHaveLength(50);
    expect(first.next).toBe('interval:11:2');
    expect(second.orders).toHaveLength(10);
    expect(second.next).toBeUndefined();
    expect(new Set([...first.orders, ...second.orders].map((order) => order.externalId)).size).toBe(60);
    expect(
      bol.requests.filter((request) => request.path === '/retailer/orders').map((r) => r.query.page),
    ).toEqual(['1', '2']);
  });

  it('takes the placing time from the list when the detail lacks it (optional in the spec)', async () => {
    bol.orders = [changedAt(consumerOrder, minutesAgo(5))];
    const { orderPlacedDateTime: _omitted, ...detail } = bol.orders[0]!;
    bol.intercept = (request) =>
      request.path === '/retailer/orders/1043965710' ? { status: 200, body: detail } : undefined;

    const page = await client().listOrders(lastFifteenMinutes);

    expect(page.orders[0]!.order?.orderedAt).toBe('2026-11-20T14:05:31+01:00');
  });

  it('refuses a page token it did not hand out', async () => {
    await rejection(client().listOrders(lastFifteenMinutes, 'cursor-from-elsewhere'), ValidationError);
  });
});

describe('bol client: access token', () => {
  it('asks for a token with client credentials as documented, and reuses it until shortly before expiry', async () => {
    const bolClient = client();

    await bolClient.listOrders(lastFifteenMinutes);
    current += 200_000;
    await bolClient.listOrders(lastFifteenMinutes);
    expect(bol.tokenRequests).toEqual([
      {
        method: 'POST',
        path: '/token',
        query: { grant_type: 'client_credentials' },
        headers: { accept: 'application/json', authorization: BASIC },
      },
    ]);

    current += 70_000; // 270 s after the token was issued: within 30 s of its 299 s
    await bolClient.listOrders(lastFifteenMinutes);
    expect(bol.tokenRequests).toHaveLength(2);
    expect(apiAuthorizations()).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('asks for one token when ten polls start at once', async () => {
    bol.tokenDelayMs = 100;
    const bolClient = client();

    await Promise.all(Array.from({ length: 10 }, () => bolClient.listOrders(lastFifteenMinutes)));

    expect(bol.tokenRequests).toHaveLength(1);
    expect(apiAuthorizations()).toEqual(Array.from({ length: 10 }, () => 'Bearer token-1'));
  });

  it('fetches a new token once when bol answers 401, and retries the call once', async () => {
    const bolClient = client();
    await bolClient.listOrders(lastFifteenMinutes);
    bol.revokeTokens();

    await bolClient.listOrders(lastFifteenMinutes);

    expect(bol.tokenRequests).toHaveLength(2);
    expect(apiAuthorizations()).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('gives up with CredentialsRejectedError when the new token is refused too', async () => {
    bol.intercept = () => ({
      status: 401,
      body: { title: 'Unauthorized', status: 401, detail: 'Invalid token' },
    });

    const error = await rejection(client().listOrders(lastFifteenMinutes), CredentialsRejectedError);

    expect(error.message).toContain('Invalid token');
    expect(bol.tokenRequests).toHaveLength(2);
    expect(bol.requests).toHaveLength(2);
  });

  it('reports 403 as CredentialsRejectedError without asking for another token', async () => {
    onList({ status: 403, body: { title: 'Forbidden', status: 403, detail: 'No access to orders' } });

    await rejection(client().listOrders(lastFifteenMinutes), CredentialsRejectedError);
    expect(bol.tokenRequests).toHaveLength(1);
  });

  it('reports refused client credentials (401 or 400 from the token endpoint) without the secret', async () => {
    const wrongSecret = await rejection(
      client({ clientSecret: 'wrong-secret' }).listOrders(lastFifteenMinutes),
      CredentialsRejectedError,
    );
    expect(wrongSecret.message).toContain('invalid_client');
    expect(wrongSecret.message).not.toContain('wrong-secret');

    bol.tokenReply = { status: 400, body: { error: 'invalid_grant', error_description: 'Client disabled' } };
    const disabled = await rejection(client().listOrders(lastFifteenMinutes), CredentialsRejectedError);
    expect(disabled.message).toContain('Client disabled');
    expect(bol.requests).toHaveLength(0);
  });

  it('reports an unusable token endpoint as DependencyUnavailableError', async () => {
    bol.tokenReply = { status: 503, rawBody: 'Service Unavailable' };
    await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);

    bol.tokenReply = { status: 200, rawBody: '<html>login</html>' };
    await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);

    bol.tokenReply = { status: 200, body: { token_type: 'Bearer' } };
    await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
  });
});

describe('bol client: rate limits and outages', () => {
  it('reports 429 as RateLimitedError with the Retry-After wait', async () => {
    onList({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { title: 'Too Many Requests', status: 429 },
    });

    const error = await rejection(client().listOrders(lastFifteenMinutes), RateLimitedError);

    expect(error.retryAfterMs).toBe(7_000);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
  });

  it('sends nothing to an endpoint until the Retry-After of its 429 has passed', async () => {
    onList({ status: 429, headers: { 'retry-after': '120' }, body: {} });
    const bolClient = client();
    await rejection(bolClient.listOrders(lastFifteenMinutes), RateLimitedError);
    bol.intercept = undefined;

    current += 30_000;
    const early = await rejection(bolClient.listOrders(lastFifteenMinutes), RateLimitedError);
    expect(early.retryAfterMs).toBe(90_000);
    expect(bol.requests).toHaveLength(1);

    current += 91_000;
    await bolClient.listOrders(lastFifteenMinutes);
    expect(bol.requests).toHaveLength(2);
  });

  it('waits for a short reset once X-RateLimit-Remaining reaches 0, and refuses to wait for a long one', async () => {
    bol.apiHeaders = { 'x-ratelimit-limit': '25', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' };
    const bolClient = client();
    await bolClient.listOrders(lastFifteenMinutes);

    const started = performance.now();
    await bolClient.listOrders(lastFifteenMinutes);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(bol.requests).toHaveLength(2);

    bol.apiHeaders = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' };
    const fresh = client();
    await fresh.listOrders(lastFifteenMinutes);
    const error = await rejection(fresh.listOrders(lastFifteenMinutes), RateLimitedError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(bol.requests).toHaveLength(3);
  });

  it('reports 5xx from the list or a detail as DependencyUnavailableError', async () => {
    onList({ status: 503, body: { title: 'Service Unavailable', status: 503, detail: 'Maintenance' } });
    const listError = await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
    expect(listError.message).toContain('Maintenance');

    bol.orders = [changedAt(consumerOrder, minutesAgo(5))];
    bol.intercept = (request) =>
      request.path.startsWith('/retailer/orders/') ? { status: 500, body: {} } : undefined;
    await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
  });

  it('reports a listed order whose detail is not found as DependencyUnavailableError (retried, not skipped)', async () => {
    bol.orders = [changedAt(consumerOrder, minutesAgo(5))];
    bol.intercept = (request) =>
      request.path.startsWith('/retailer/orders/')
        ? { status: 404, body: { title: 'Not Found', status: 404 } }
        : undefined;
    await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
  });

  it('gives up after timeoutMs with DependencyUnavailableError', async () => {
    onList({ status: 200, body: {}, delayMs: 2_000 });

    const error = await rejection(
      client({ timeoutMs: 150 }).listOrders(lastFifteenMinutes),
      DependencyUnavailableError,
    );

    expect(error.message).toContain('no answer within 150 ms');
  });

  it('reports a body that is not JSON, or not the documented shape, as DependencyUnavailableError', async () => {
    onList({ status: 200, rawBody: '<html>Bad gateway</html>' });
    const notJson = await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
    expect(notJson.message).toContain('not JSON');

    onList({ status: 200, body: { orders: [{ orderId: '1043965710' }] } });
    const wrongShape = await rejection(client().listOrders(lastFifteenMinutes), DependencyUnavailableError);
    expect(wrongShape.message).toContain('orders.0.orderPlacedDateTime');
  });

  it('reports an unreachable bol as DependencyUnavailableError', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await rejection(
      client({ baseUrl: `${closed}/retailer`, tokenUrl: `${closed}/token` }).listOrders(lastFifteenMinutes),
      DependencyUnavailableError,
    );
  });

  it('is refused (406) by bol without the v10 media type in Accept: a ValidationError, not an outage', async () => {
    const plainJson: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), accept: 'application/json' },
      });

    const error = await rejection(
      client({ fetch: plainJson }).listOrders(lastFifteenMinutes),
      ValidationError,
    );

    expect(error.message).toContain('HTTP 406');
    expect(bol.requests[0]!.headers.accept).toBe('application/json');
  });
});
