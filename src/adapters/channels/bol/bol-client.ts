/**
 * `ChannelClient` for bol.com, Retailer API v10 (docs/api.md "Channels", domain.md §5.1). bol has no
 * order webhooks, so orders are only polled:
 *
 * 1. `GET {baseUrl}/orders?fulfilment-method=ALL&status=ALL&…&page=N` (see bol-order-window.ts for
 *    `change-interval-minute` versus `latest-change-date`), 50 orders a page;
 * 2. the orders whose latest item change lies in [changedFrom, changedTo) are fetched one by one,
 *    `GET {baseUrl}/orders/{orderId}`, and mapped (bol-order-mapping.ts), oldest change first.
 *
 * Every call sends `Accept: application/vnd.retailer.v10+json` and the bearer token
 * (bol-access-token.ts); a 401 fetches a new token and retries once. Errors: 401 again or 403 →
 * CredentialsRejectedError; 429 → RateLimitedError with `Retry-After`; 5xx, 404, network errors,
 * timeouts and bodies that are not the JSON bol documents → DependencyUnavailableError; other 4xx
 * (our request refused) → ValidationError with bol's violations.
 *
 * Rate limits are per endpoint at bol. Each answer's `X-RateLimit-Remaining` / `X-RateLimit-Reset`
 * are remembered per endpoint (list, detail): once the budget is used up, the next call to that
 * endpoint waits for the reset when that is at most 10 s away, and otherwise fails at once with
 * RateLimitedError (no request sent), as does a 429 until its `Retry-After` has passed. Details are
 * fetched one at a time, so a page costs at most 51 calls spread over the budget.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { ChannelClient, ChannelOrder, ChannelPage } from '../../../domain/ports/channel-client.js';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
  ValidationError,
} from '../../../domain/shared/errors.js';
import { createBolAccessTokens } from './bol-access-token.js';
import { type BolReducedOrder, bolOrderSchema, bolReducedOrdersSchema } from './bol-api-schemas.js';
import {
  type BolResponse,
  exchange,
  type Fetch,
  parseJson,
  problemOf,
  rateLimited,
  rateLimitResetMs,
} from './bol-http.js';
import { type BolProductVatClasses, mapBolOrder } from './bol-order-mapping.js';
import {
  type BolOrderQuery,
  type BolWindow,
  bolQueryParameters,
  bolWindow,
  decodeBolPageToken,
  encodeBolPageToken,
  firstBolQuery,
  nextBolQuery,
} from './bol-order-window.js';

export const BOL_MEDIA_TYPE = 'application/vnd.retailer.v10+json';
const DEFAULT_TIMEOUT_MS = 30_000;
/** Longest wait for a used-up rate-limit budget inside one call; longer waits go back to the scheduler. */
const MAX_PAUSE_MS = 10_000;

export interface BolClientOptions {
  /** Retailer API root including its path prefix, e.g. https://api.bol.com/retailer */
  readonly baseUrl: string;
  /** e.g. https://login.bol.com/token */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: Fetch;
  /** Per HTTP call including reading the body; default 30 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** EAN → VAT class; bol names no VAT rate, so EANs not listed are invoiced as `standard`. */
  readonly productVatClasses?: BolProductVatClasses;
}

type Endpoint = 'GET /orders' | 'GET /orders/{order-id}';

export const createBolClient = (options: BolClientOptions): ChannelClient => {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const tokens = createBolAccessTokens({ ...options, fetch: fetchFn, timeoutMs, now });
  /** Per endpoint: no call before this instant (epoch ms). */
  const pausedUntil = new Map<Endpoint, number>();

  const waitForBudget = async (endpoint: Endpoint): Promise<void> => {
    const waitMs = (pausedUntil.get(endpoint) ?? 0) - now().getTime();
    if (waitMs <= 0) return;
    if (waitMs > MAX_PAUSE_MS) {
      throw new RateLimitedError(`bol ${endpoint}: rate-limit budget used up, retry in ${waitMs} ms`, waitMs);
    }
    await sleep(waitMs);
  };

  const observeBudget = (endpoint: Endpoint, response: BolResponse): void => {
    const remaining = response.headers.get('x-ratelimit-remaining');
    const resetMs = rateLimitResetMs(response.headers.get('x-ratelimit-reset'), now());
    if (remaining?.trim() === '0' && resetMs !== undefined) {
      pausedUntil.set(endpoint, now().getTime() + resetMs);
    }
  };

  const send = (url: URL, token: string, what: string): Promise<BolResponse> =>
    exchange(
      fetchFn,
      url,
      { method: 'GET', headers: { accept: BOL_MEDIA_TYPE, authorization: `Bearer ${token}` } },
      timeoutMs,
      what,
    );

  const getJson = async <T extends z.ZodType>(
    endpoint: Endpoint,
    path: string,
    query: URLSearchParams | undefined,
    schema: T,
  ): Promise<z.output<T>> => {
    const url = new URL(`${baseUrl}${path}`);
    if (query !== undefined) url.search = query.toString();
    const what = `bol GET ${path}`;
    await waitForBudget(endpoint);
    const token = await tokens.get();
    let response = await send(url, token, what);
    observeBudget(endpoint, response);
    if (response.status === 401) {
      tokens.reject(token);
      response = await send(url, await tokens.get(), what);
      observeBudget(endpoint, response);
    }
    if (response.status === 401 || response.status === 403) {
      throw new CredentialsRejectedError(
        `${what}: bol refused the access token (${problemOf(response).summary})`,
      );
    }
    if (response.status === 429) {
      const error = rateLimited(response, what, now());
      pausedUntil.set(endpoint, now().getTime() + error.retryAfterMs);
      throw error;
    }
    if (response.status >= 500 || response.status === 404) {
      throw new DependencyUnavailableError(`${what}: ${problemOf(response).summary}`);
    }
    if (response.status < 200 || response.status > 299) {
      const { summary, violations } = problemOf(response);
      throw new ValidationError(
        `${what}: bol refused the request (${summary})`,
        violations.map((violation) => ({ field: violation.name, message: violation.reason })),
      );
    }
    const parsed = schema.safeParse(parseJson(response, what));
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      throw new DependencyUnavailableError(`${what}: not the answer bol documents (${where})`);
    }
    return parsed.data;
  };

  const latestChange = (order: BolReducedOrder): number =>
    Math.max(...order.orderItems.map((item) => Date.parse(item.latestChangedDateTime)));

  const inWindow = (window: BolWindow, at: number): boolean => at >= window.from && at < window.to;

  const fetchOrder = async (listed: BolReducedOrder): Promise<ChannelOrder> => {
    const detail = await getJson(
      'GET /orders/{order-id}',
      `/orders/${encodeURIComponent(listed.orderId)}`,
      undefined,
      bolOrderSchema,
    );
    return mapBolOrder(
      { ...detail, orderPlacedDateTime: detail.orderPlacedDateTime ?? listed.orderPlacedDateTime },
      { productVatClasses: options.productVatClasses ?? {} },
    );
  };

  return {
    async listOrders(range, page): Promise<ChannelPage> {
      const window = bolWindow(range);
      const query: BolOrderQuery | undefined =
        page === undefined ? firstBolQuery(window, now()) : decodeBolPageToken(page);
      if (query === undefined) return { orders: [] };
      const { orders: listed } = await getJson(
        'GET /orders',
        '/orders',
        bolQueryParameters(query),
        bolReducedOrdersSchema,
      );
      const orders: ChannelOrder[] = [];
      for (const order of listed) {
        if (order.orderItems.length === 0 || !inWindow(window, latestChange(order))) continue;
        const mapped = await fetchOrder(order);
        // It may have changed again since the list was made: then it belongs to a later range.
        if (inWindow(window, Date.parse(mapped.updatedAt))) orders.push(mapped);
      }
      orders.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
      const next = nextBolQuery(query, listed.length, window, now());
      return next === undefined ? { orders } : { orders, next: encodeBolPageToken(next) };
    },
  };
};
