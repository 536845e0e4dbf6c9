import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createWooCommerceClient,
  type WooCommerceClientOptions,
} from '../../../../src/adapters/channels/woocommerce/woocommerce-client.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
  ValidationError,
} from '../../../../src/domain/shared/errors.js';
import { API_ROOT, type FakeWooCommerce, startFakeWooCommerce } from './fake-woocommerce.js';

const CREDENTIALS = {
  consumerKey: 'ck_4f1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  consumerSecret: 'cs_0e1d2c3b4a59687766554433221100ffeeddccbb',
};
const FIXTURES = new URL('../../../fixtures/channels/woocommerce/orders/', import.meta.url);
const template = JSON.parse(
  readFileSync(new URL('nl-gross-coupon-mixed-rates.json', FIXTURES), 'utf8'),
) as Record<string, unknown>;

/** The fixture order as another order, changed at `modifiedGmt` (WooCommerce's "2026-11-20T10:00:00"). */
const orderAt = (id: number, modifiedGmt: string): Record<string, unknown> => ({
  ...template,
  id,
  number: String(id),
  date_modified_gmt: modifiedGmt,
});

/** 250 orders changed one minute apart from 2026-11-20T10:00:00 UTC. */
const manyOrders = (): Record<string, unknown>[] =>
  Array.from({ length: 250 }, (_, i) =>
    orderAt(5000 + i, new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString().slice(0, 19)),
  );

let shop: FakeWooCommerce;

beforeAll(async () => {
  shop = await startFakeWooCommerce(CREDENTIALS);
});
afterAll(() => shop.close());
beforeEach(() => {
  shop.requests.length = 0;
  shop.violations.length = 0;
  shop.orders = manyOrders();
  shop.reply = undefined;
  shop.omitPagingHeaders = false;
});
// Every request the adapter made in every test conforms to WooCommerce's OpenAPI description.
afterEach(() => {
  expect(shop.violations).toEqual([]);
});

const client = (options: Partial<WooCommerceClientOptions> = {}) =>
  createWooCommerceClient({
    baseUrl: shop.baseUrl,
    ...CREDENTIALS,
    defaults: { supplyType: 'goods' },
    ...options,
  });

const RANGE = { changedFrom: '2026-11-20T10:00:00Z' };

const failure = async <E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
};

describe('WooCommerce client: listing changed orders', () => {
  it('pages through three pages (X-WP-TotalPages), oldest change first, every order mapped', async () => {
    const woo = client();
    const seen: ChannelOrder[] = [];
    const tokens: (string | undefined)[] = [];
    let page: string | undefined;
    do {
      const result = await woo.listOrders(RANGE, page);
      seen.push(...result.orders);
      page = result.next;
      tokens.push(page);
    } while (page !== undefined);

    expect(tokens).toEqual(['2', '3', undefined]);
    expect(seen.map((o) => o.externalId)).toEqual(shop.orders.map((o) => String(o.id)));
    expect(seen.map((o) => o.updatedAt)).toEqual([...seen.map((o) => o.updatedAt)].sort());
    expect(seen.every((o) => o.order?.lines.length === 2)).toBe(true);
    expect(shop.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('asks for the range exactly as WooCommerce reads it, with Basic auth', async () => {
    await client().listOrders({ changedFrom: '2026-11-20T10:00:00Z', changedTo: '2026-11-20T11:00:00.250Z' });
    const [request] = shop.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe(`${API_ROOT}/orders`);
    expect([...request!.query]).toEqual([
      // Strict ">" over whole seconds: one second earlier includes an order changed at changedFrom.
      ['modified_after', '2026-11-20T09:59:59'],
      // Strict "<": the next whole second includes an order changed at 11:00:00.
      ['modified_before', '2026-11-20T11:00:01'],
      ['dates_are_gmt', 'true'],
      ['orderby', 'modified'],
      ['order', 'asc'],
      ['per_page', '100'],
      ['page', '1'],
    ]);
    const expected = Buffer.from(`${CREDENTIALS.consumerKey}:${CREDENTIALS.consumerSecret}`).toString(
      'base64',
    );
    expect(request?.headers.authorization).toBe(`Basic ${expected}`);
  });

  it('includes an order changed at exactly changedFrom and none changed at changedTo or later', async () => {
    shop.orders = [
      orderAt(1, '2026-11-20T09:59:59'),
      orderAt(2, '2026-11-20T10:00:00'),
      orderAt(3, '2026-11-20T10:30:00'),
      orderAt(4, '2026-11-20T11:00:00'),
    ];
    const page = await client().listOrders({
      changedFrom: '2026-11-20T10:00:00Z',
      changedTo: '2026-11-20T11:00:00Z',
    });
    expect(page.orders.map((o) => o.externalId)).toEqual(['2', '3']);
    expect(page.next).toBeUndefined();
  });

  it('keeps any path prefix of the base URL (a trailing slash too), and converts offsets to UTC', async () => {
    await client({ baseUrl: `${shop.baseUrl}/` }).listOrders({ changedFrom: '2026-11-20T11:00:00+01:00' });
    expect(shop.requests[0]?.path).toBe('/wp-json/wc/v3/orders');
    expect(shop.requests[0]?.query.get('modified_after')).toBe('2026-11-20T09:59:59');
  });

  it('without X-WP-TotalPages (a proxy dropped it) a full page may have a successor', async () => {
    shop.omitPagingHeaders = true;
    const woo = client();
    expect((await woo.listOrders(RANGE)).next).toBe('2');
    expect((await woo.listOrders(RANGE, '3')).next).toBeUndefined();
  });

  it('an empty range is one empty page', async () => {
    const page = await client().listOrders({ changedFrom: '2027-01-01T00:00:00Z' });
    expect(page).toEqual({ orders: [] });
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await client({ fetch: counting }).listOrders(RANGE);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain(`${API_ROOT}/orders?modified_after=`);
  });
});

describe('WooCommerce client: what goes wrong', () => {
  it('401: refused credentials, with WooCommerce’s reason', async () => {
    const error = await failure(
      client({ consumerSecret: 'cs_wrong' }).listOrders(RANGE),
      CredentialsRejectedError,
    );
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('woocommerce_rest_cannot_view');
  });

  it('403: refused too (a key without read access)', async () => {
    shop.reply = () => ({
      status: 403,
      body: {
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 403 },
      },
    });
    await failure(client().listOrders(RANGE), CredentialsRejectedError);
  });

  it('429: rate limited for as long as Retry-After says (seconds or an HTTP date)', async () => {
    shop.reply = () => ({ status: 429, headers: { 'retry-after': '17' }, body: { code: 'rate_limited' } });
    expect((await failure(client().listOrders(RANGE), RateLimitedError)).retryAfterMs).toBe(17_000);

    const now = new Date('2026-11-20T10:00:00Z');
    const inAMinute = new Date(now.getTime() + 60_000).toUTCString();
    shop.reply = () => ({ status: 429, headers: { 'retry-after': inAMinute }, raw: 'Too Many Requests' });
    const dated = await failure(client({ now: () => now }).listOrders(RANGE), RateLimitedError);
    expect(dated.retryAfterMs).toBeGreaterThan(55_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);

    shop.reply = () => ({ status: 429, raw: 'Too Many Requests' });
    expect((await failure(client().listOrders(RANGE), RateLimitedError)).retryAfterMs).toBe(60_000);
  });

  it('500 and a 502 HTML page: the shop is unavailable', async () => {
    shop.reply = () => ({
      status: 500,
      body: { code: 'internal_server_error', message: 'There has been a critical error on this website.' },
    });
    const error = await failure(client().listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toContain('HTTP 500 (internal_server_error');
    expect(error).not.toBeInstanceOf(RateLimitedError);

    shop.reply = () => ({ status: 502, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    expect((await failure(client().listOrders(RANGE), DependencyUnavailableError)).message).toContain(
      'HTTP 502',
    );
  });

  it('a shop that never answers is unavailable within timeoutMs', async () => {
    shop.reply = () => ({ status: 200, hang: true });
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 300 }).listOrders(RANGE), DependencyUnavailableError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.message).toContain('did not answer within 300 ms');
  });

  it('a body that stops half-way (stalls, or the connection drops) is unavailable', async () => {
    shop.reply = () => ({ status: 200, raw: '[{"id":4711,"status":"processing"', stallAfterHeaders: true });
    const stalled = await failure(client({ timeoutMs: 300 }).listOrders(RANGE), DependencyUnavailableError);
    expect(stalled.message).toContain('did not answer within 300 ms');

    shop.reply = () => ({ status: 200, raw: '[{"id":4711,"status":"processing"', dropAfter: true });
    await failure(client().listOrders(RANGE), DependencyUnavailableError);
  });

  it('a truncated JSON body is a partial response, not an empty page', async () => {
    shop.reply = () => ({ status: 200, raw: JSON.stringify([template]).slice(0, 900) });
    const error = await failure(client().listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toContain('not complete JSON');
    expect(error.message).toContain('partial response');
  });

  it('JSON that is not a list of orders is unavailable', async () => {
    shop.reply = () => ({ status: 200, body: { orders: [] } });
    expect((await failure(client().listOrders(RANGE), DependencyUnavailableError)).message).toContain(
      'not a list of orders',
    );
  });

  it('404 and redirects name what to fix; a redirect is not followed with the credentials', async () => {
    shop.reply = () => ({
      status: 404,
      body: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' },
    });
    expect((await failure(client().listOrders(RANGE), DependencyUnavailableError)).message).toContain(
      'rest_no_route',
    );

    shop.reply = () => ({
      status: 301,
      headers: { location: 'https://www.shop.example.nl/wp-json/wc/v3/orders' },
    });
    const redirected = await failure(client().listOrders(RANGE), DependencyUnavailableError);
    expect(redirected.message).toContain('redirects to https://www.shop.example.nl/');
    expect(shop.requests).toHaveLength(2);
  });

  it('a shop that cannot be reached is unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const baseUrl = `http://127.0.0.1:${port}${API_ROOT}`;
    const error = await failure(client({ baseUrl }).listOrders(RANGE), DependencyUnavailableError);
    expect(error.message).toContain('unreachable');
  });

  it('returns an order the mapping cannot understand as refused, with its fields, and the rest of the page', async () => {
    shop.orders = [
      orderAt(1, '2026-11-20T10:01:00'),
      { ...orderAt(2, '2026-11-20T10:02:00'), status: 'shipped' },
    ];
    const page = await client().listOrders(RANGE);
    expect(page.orders.map((o) => [o.externalId, o.order !== undefined])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(page.orders[1]).toMatchObject({
      updatedAt: '2026-11-20T10:02:00Z',
      refusal: [{ field: 'status', message: expect.stringContaining('"shipped"') }],
    });
  });

  it('refuses plain http to anything but this machine, and page tokens it did not hand out', async () => {
    await failure(
      client({ baseUrl: 'http://shop.example.nl/wp-json/wc/v3' }).listOrders(RANGE),
      ValidationError,
    );
    await failure(client().listOrders(RANGE, 'abc'), ValidationError);
    await failure(client().listOrders({ changedFrom: 'yesterday' }), ValidationError);
    expect(shop.requests).toHaveLength(0);
  });
});

describe('the stand-in validates requests against the WooCommerce OpenAPI description', () => {
  it('a query parameter the spec does not know, or a wrong value, is a violation', async () => {
    const authorization = `Basic ${Buffer.from(`${CREDENTIALS.consumerKey}:${CREDENTIALS.consumerSecret}`).toString('base64')}`;
    const unknown = await fetch(`${shop.baseUrl}/orders?modified_after=2026-11-20T10:00:00&updated_since=x`, {
      headers: { authorization },
    });
    const badEnum = await fetch(`${shop.baseUrl}/orders?orderby=updated`, { headers: { authorization } });
    expect([unknown.status, badEnum.status]).toEqual([400, 400]);
    expect(shop.violations).toEqual([
      expect.stringContaining('updated_since'),
      expect.stringContaining('must be equal to one of the allowed values'),
    ]);
    shop.violations.length = 0;
  });
});
