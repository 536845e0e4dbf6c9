import type {
  ChangedRange,
  ChannelClient,
  ChannelOrder,
  ChannelPage,
} from '../../../domain/ports/channel-client.js';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
  ValidationError,
} from '../../../domain/shared/errors.js';
import { retryAfterMs } from '../../http/retry-after.js';
import { mapWooCommerceOrder, type WooCommerceMappingDefaults } from './map-woocommerce-order.js';

/**
 * `ChannelClient` for WooCommerce REST API v3: `GET {baseUrl}/orders` changed in a range, oldest
 * change first, 100 per page (the API's maximum), page N+1 while `X-WP-TotalPages` says there is one.
 *
 * - Auth: HTTP Basic with the consumer key and secret — what WooCommerce accepts over HTTPS. Over
 *   plain HTTP it demands OAuth 1.0a signatures instead, so http is allowed for a local stand-in only
 *   (loopback), never to send the secret in the clear.
 * - Range: `modified_after` / `modified_before` with `dates_are_gmt=true`, sent as UTC without an
 *   offset: WordPress's date query converts a value with an offset to the site's time zone before
 *   comparing it with the GMT column, which would shift the range. WooCommerce keeps whole seconds
 *   and compares strictly (`>` / `<`), so "at or after `changedFrom`" is sent as one second earlier
 *   and `changedTo` is rounded up to the next whole second.
 * - Errors: 5xx, network failures, timeouts, redirects and answers that are not a complete JSON list →
 *   DependencyUnavailableError; 429 → RateLimitedError with Retry-After; 401/403 →
 *   CredentialsRejectedError; a base URL that is not https → ValidationError. An order the mapping
 *   cannot understand comes back with its `refusal` (field errors), so the sync reports it and the
 *   rest of the page goes on; leaving it out would lose it silently.
 */

export interface WooCommerceClientOptions {
  /** The REST API root with its path prefix, e.g. https://shop.example.nl/wp-json/wc/v3 */
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly fetch?: typeof fetch;
  /** Whole request including reading the body; default 30 s. */
  readonly timeoutMs?: number;
  readonly defaults: WooCommerceMappingDefaults;
  /** The clock an HTTP-date Retry-After is measured against; injected in tests. */
  readonly now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const PER_PAGE = 100;
/** When a 429 names no wait (WooCommerce itself sends none; a proxy or host in front of it does). */
const DEFAULT_RETRY_AFTER_MS = 60_000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `{baseUrl}/orders`; refused (when asked for orders, so the sync reports it) unless https or loopback. */
const ordersUrlOf = (baseUrl: string): string => {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  const safe = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (url === undefined || !safe) {
    throw new ValidationError('WooCommerce must be reached over HTTPS', [
      {
        field: 'baseUrl',
        message: `${baseUrl} is not an https URL (plain http only for a local test server)`,
      },
    ]);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/orders`;
};

/** "2026-11-20T10:15:00" in UTC, whole seconds, as WordPress's date query reads it. */
const wooDateTime = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 19);

const instant = (value: string, field: string): number => {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new ValidationError(`${field} must be an ISO 8601 instant`, [{ field, message: value }]);
  }
  return ms;
};

const pageNumber = (page: string | undefined): number => {
  if (page === undefined) return 1;
  if (!/^[1-9]\d{0,6}$/.test(page)) {
    throw new ValidationError('not a page token of the WooCommerce adapter', [
      { field: 'page', message: page },
    ]);
  }
  return Number(page);
};

/** WordPress REST errors are `{ code, message, data: { status } }`. */
const wpError = (text: string): string => {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') {
      return typeof body.message === 'string' ? `${body.code}: ${body.message}` : body.code;
    }
  } catch {
    // not JSON: an HTML error page of the host
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
};

const describeFetchFailure = (error: unknown, timeoutMs: number): string => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return `unreachable: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
};

const totalPages = (header: string | null): number | undefined =>
  header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;

/** The query of one page: every parameter is one the `GET /orders` operation of the spec names. */
const pageUrl = (ordersUrl: string, range: ChangedRange, page: number): URL => {
  const url = new URL(ordersUrl);
  const query = url.searchParams;
  const from = instant(range.changedFrom, 'changedFrom');
  query.set('modified_after', wooDateTime(Math.floor(from / 1_000) * 1_000 - 1_000));
  if (range.changedTo !== undefined) {
    const to = instant(range.changedTo, 'changedTo');
    query.set('modified_before', wooDateTime(Math.ceil(to / 1_000) * 1_000));
  }
  query.set('dates_are_gmt', 'true');
  query.set('orderby', 'modified');
  query.set('order', 'asc');
  query.set('per_page', String(PER_PAGE));
  query.set('page', String(page));
  return url;
};

const failure = (where: string, response: Response, text: string, now: Date): Error => {
  const { status } = response;
  if (status === 429) {
    const waitMs = retryAfterMs(response.headers.get('retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS;
    return new RateLimitedError(`${where} asks to slow down (HTTP 429); retry in ${waitMs} ms`, waitMs);
  }
  if (status === 401 || status === 403) {
    return new CredentialsRejectedError(
      `${where} refused the consumer key (HTTP ${status}, ${wpError(text)}): check the key and secret, that the key has read access, and that the web server passes the Authorization header on`,
    );
  }
  if (status >= 300 && status < 400) {
    return new DependencyUnavailableError(
      `${where} redirects to ${response.headers.get('location') ?? '(nowhere)'}: set the channel's base URL to the address it redirects to`,
    );
  }
  if (status === 404) {
    return new DependencyUnavailableError(
      `${where} not found (HTTP 404, ${wpError(text)}): check the base URL (…/wp-json/wc/v3), that WooCommerce is active and permalinks are not "plain"`,
    );
  }
  return new DependencyUnavailableError(`${where} failed with HTTP ${status} (${wpError(text)})`);
};

const ordersOf = (where: string, text: string): unknown[] => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DependencyUnavailableError(
      `${where} sent a body that is not complete JSON (${text.length} characters; a partial response?)`,
    );
  }
  if (!Array.isArray(body)) {
    throw new DependencyUnavailableError(
      `${where} sent ${body === null ? 'null' : typeof body}, not a list of orders`,
    );
  }
  return body;
};

/** Every order of the page mapped; one the mapping cannot understand is returned refused, with its field errors. */
const mapPage = (orders: readonly unknown[], defaults: WooCommerceMappingDefaults): ChannelOrder[] =>
  orders.map((order) => {
    try {
      return mapWooCommerceOrder(order, defaults);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const raw = (order ?? {}) as { id?: unknown; date_modified_gmt?: unknown };
      const modified = typeof raw.date_modified_gmt === 'string' ? `${raw.date_modified_gmt}Z` : undefined;
      return {
        externalId: String(raw.id),
        updatedAt:
          modified !== undefined && !Number.isNaN(Date.parse(modified))
            ? modified
            : new Date(0).toISOString(),
        order: undefined,
        refunds: [],
        cancelled: false,
        refusal: error.errors,
      };
    }
  });

export const createWooCommerceClient = (options: WooCommerceClientOptions): ChannelClient => {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const authorization = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;

  const get = async (where: string, url: URL): Promise<{ response: Response; text: string }> => {
    try {
      const response = await fetchImpl(url, {
        headers: { authorization, accept: 'application/json' },
        // A redirect (to https, to www) would drop the credentials on the way: reported, not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The body is read under the same timeout: a shop that stalls half-way is as unavailable.
      return { response, text: await response.text() };
    } catch (error) {
      throw new DependencyUnavailableError(`${where} ${describeFetchFailure(error, timeoutMs)}`);
    }
  };

  return {
    async listOrders(range: ChangedRange, pageToken?: string): Promise<ChannelPage> {
      const ordersUrl = ordersUrlOf(options.baseUrl);
      const page = pageNumber(pageToken);
      const where = `WooCommerce ${ordersUrl} (page ${page})`;
      const { response, text } = await get(where, pageUrl(ordersUrl, range, page));
      if (response.status !== 200) throw failure(where, response, text, now());
      const raw = ordersOf(where, text);
      const orders = mapPage(raw, options.defaults);
      // Without the header (a proxy dropped it) a full page may have a successor.
      const pages = totalPages(response.headers.get('x-wp-totalpages'));
      const more = pages === undefined ? raw.length === PER_PAGE : page < pages;
      return { orders, ...(more && { next: String(page + 1) }) };
    },
  };
};
