/**
 * One HTTP exchange with bol (token endpoint or Retailer API), with outages translated into domain
 * errors: network failures and timeouts (including reading the body) become
 * DependencyUnavailableError, HTTP 429 a RateLimitedError with the wait bol named.
 */

import { DependencyUnavailableError, RateLimitedError } from '../../../domain/shared/errors.js';
import { retryAfterMs } from '../../http/retry-after.js';
import { bolProblemSchema } from './bol-api-schemas.js';

export type Fetch = typeof fetch;

export interface BolResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Used when a 429 names no wait: bol watches for clients that keep hitting the limit. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

const describeFailure = (error: unknown, what: string, timeoutMs: number): string => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `${what}: no answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `${what}: unreachable (${detail})`;
};

export const exchange = async (
  fetchFn: Fetch,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<BolResponse> => {
  try {
    const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw new DependencyUnavailableError(describeFailure(error, what, timeoutMs));
  }
};

export const parseJson = (response: BolResponse, what: string): unknown => {
  try {
    return JSON.parse(response.text);
  } catch {
    // e.g. an HTML page from a proxy or a cut-off body: bol's side, worth retrying later.
    throw new DependencyUnavailableError(`${what}: HTTP ${response.status} with a body that is not JSON`);
  }
};

/** bol's `Problem` title and detail, or the OAuth error fields, for error messages. */
export const problemOf = (
  response: BolResponse,
): { summary: string; violations: { name: string; reason: string }[] } => {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return { summary: `HTTP ${response.status}`, violations: [] };
  }
  const problem = bolProblemSchema.safeParse(body);
  const oauth = body as { error?: unknown; error_description?: unknown } | null;
  const parts = [
    problem.success ? problem.data.title : undefined,
    problem.success ? problem.data.detail : undefined,
    typeof oauth?.error === 'string' ? oauth.error : undefined,
    typeof oauth?.error_description === 'string' ? oauth.error_description : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  return {
    summary: [`HTTP ${response.status}`, ...parts].join(': '),
    violations: problem.success ? (problem.data.violations ?? []) : [],
  };
};

/**
 * `X-RateLimit-Reset` as a wait: bol's documentation shows small numbers (seconds until the budget
 * refills, e.g. `x-ratelimit-reset: 1`); a value that can only be a Unix time is read as one.
 */
export const rateLimitResetMs = (value: string | null, now: Date): number | undefined => {
  if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const seconds = Number(value.trim());
  return seconds > 1_000_000_000 ? Math.max(0, seconds * 1000 - now.getTime()) : seconds * 1000;
};

export const rateLimited = (response: BolResponse, what: string, now: Date): RateLimitedError => {
  const waitMs =
    retryAfterMs(response.headers.get('retry-after'), now) ??
    rateLimitResetMs(response.headers.get('x-ratelimit-reset'), now) ??
    DEFAULT_RETRY_AFTER_MS;
  return new RateLimitedError(`${what}: bol asks to slow down (HTTP 429), retry in ${waitMs} ms`, waitMs);
};
