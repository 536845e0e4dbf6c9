/**
 * `POST {baseUrl}/graphql.json` of the Shopify Admin API with `X-Shopify-Access-Token`, and what its
 * answers mean for us.
 *
 * Cost throttle (leaky bucket): every answer reports `extensions.cost` with the query's
 * `requestedQueryCost` and `throttleStatus { maximumAvailable, currentlyAvailable, restoreRate }`. When
 * fewer points are available than the query asked for, the next call first waits
 * (requested − available) / restoreRate seconds, so it is not refused. A refusal anyway (`THROTTLED` in
 * `errors[]`, or HTTP 429) is a RateLimitedError carrying that same wait.
 *
 * Errors: network failure, timeout, 5xx, a body that is not JSON and GraphQL `errors[]` are
 * DependencyUnavailableError (with Shopify's messages); 401/403 and `ACCESS_DENIED` (a missing access
 * scope) are CredentialsRejectedError, since only a person can fix them.
 */

import type { z } from 'zod';
import {
  CredentialsRejectedError,
  DependencyUnavailableError,
  RateLimitedError,
} from '../../../domain/shared/errors.js';
import { retryAfterMs } from '../../http/retry-after.js';

export interface ShopifyGraphqlOptions {
  /** The shop's Admin API root, e.g. https://shop.myshopify.com/admin/api/2025-10. */
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly fetch?: typeof fetch;
  /** Whole request including reading the body; default 20 s. */
  readonly timeoutMs?: number;
  /** How to wait for the cost bucket to refill (injected in tests). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock an HTTP-date Retry-After is measured against; injected in tests. */
  readonly now?: () => Date;
}

export type GraphqlRequest = <T>(
  query: string,
  variables: Readonly<Record<string, unknown>>,
  data: z.ZodType<T>,
) => Promise<T>;

const DEFAULT_TIMEOUT_MS = 20_000;
/** Wait after a refusal that names no cost (e.g. a bare 429). */
const FALLBACK_RETRY_MS = 1_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberAt = (record: Record<string, unknown> | undefined, key: string): number | undefined => {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** Milliseconds until the bucket holds the query's requested cost again; 0 when it already does. */
export const throttleWaitMs = (body: unknown): number | undefined => {
  const extensions = isRecord(body) && isRecord(body.extensions) ? body.extensions : undefined;
  const cost = isRecord(extensions?.cost) ? extensions.cost : undefined;
  const status = isRecord(cost?.throttleStatus) ? cost.throttleStatus : undefined;
  const requested = numberAt(cost, 'requestedQueryCost');
  const available = numberAt(status, 'currentlyAvailable');
  const restoreRate = numberAt(status, 'restoreRate');
  if (requested === undefined || available === undefined || !restoreRate || restoreRate <= 0)
    return undefined;
  return Math.max(0, Math.ceil(((requested - available) / restoreRate) * 1_000));
};

interface GraphqlError {
  readonly message: string;
  readonly code?: string;
}

const graphqlErrors = (body: unknown): GraphqlError[] => {
  const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors : [];
  return errors.map((error) => {
    const record = isRecord(error) ? error : {};
    const extensions = isRecord(record.extensions) ? record.extensions : {};
    return {
      message: typeof record.message === 'string' ? record.message : JSON.stringify(error),
      ...(typeof extensions.code === 'string' && { code: extensions.code }),
    };
  });
};

const describeFetchFailure = (error: unknown, url: string, timeoutMs: number): string => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return `Shopify did not answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Shopify unreachable at ${url}: ${detail}`;
};

const parseJson = (text: string): { ok: true; body: unknown } | { ok: false } => {
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** A GraphQL caller bound to one shop; it remembers the cost bucket between calls. */
export const createGraphqlTransport = (options: ShopifyGraphqlOptions): GraphqlRequest => {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/graphql.json`;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let waitBeforeNextMs = 0;

  const post = async (query: string, variables: Readonly<Record<string, unknown>>) => {
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': options.accessToken,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { response, text: await response.text() };
    } catch (error) {
      throw new DependencyUnavailableError(describeFetchFailure(error, url, timeoutMs));
    }
  };

  return async (query, variables, data) => {
    if (waitBeforeNextMs > 0) {
      const wait = waitBeforeNextMs;
      waitBeforeNextMs = 0;
      await sleep(wait);
    }
    const { response, text } = await post(query, variables);
    const { status } = response;
    if (status === 401 || status === 403) {
      throw new CredentialsRejectedError(`Shopify refused the access token (HTTP ${status})`);
    }
    const json = parseJson(text);
    if (status === 429) {
      const wait =
        retryAfterMs(response.headers.get('retry-after'), now()) ??
        (json.ok ? throttleWaitMs(json.body) : undefined) ??
        FALLBACK_RETRY_MS;
      throw new RateLimitedError('Shopify throttled the request (HTTP 429)', wait || FALLBACK_RETRY_MS);
    }
    if (status < 200 || status >= 300) {
      const messages = json.ok ? graphqlErrors(json.body).map((e) => e.message) : [];
      throw new DependencyUnavailableError(
        `Shopify answered HTTP ${status} at ${url}${messages.length ? `: ${messages.join('; ')}` : ''}`,
      );
    }
    if (!json.ok)
      throw new DependencyUnavailableError(`Shopify answered HTTP ${status} with a body that is not JSON`);
    const errors = graphqlErrors(json.body);
    // Older answers name the refusal only in the message.
    if (errors.some((e) => e.code === 'THROTTLED' || e.message === 'Throttled')) {
      const wait = throttleWaitMs(json.body) || FALLBACK_RETRY_MS;
      throw new RateLimitedError(
        `Shopify throttled the query: ${errors.map((e) => e.message).join('; ')}`,
        wait,
      );
    }
    if (errors.some((e) => e.code === 'ACCESS_DENIED')) {
      throw new CredentialsRejectedError(
        `Shopify denied access (missing access scope?): ${errors.map((e) => e.message).join('; ')}`,
      );
    }
    if (errors.length > 0) {
      throw new DependencyUnavailableError(
        `Shopify GraphQL errors: ${errors.map((e) => e.message).join('; ')}`,
      );
    }
    waitBeforeNextMs = throttleWaitMs(json.body) ?? 0;
    const parsed = data.safeParse(isRecord(json.body) ? json.body.data : undefined);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new DependencyUnavailableError(
        `Shopify answered an unexpected shape at ${first?.path.join('.') || 'data'}: ${first?.message}`,
      );
    }
    return parsed.data;
  };
};
