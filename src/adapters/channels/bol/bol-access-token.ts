/**
 * bol's OAuth2 client-credentials token (https://login.bol.com/token): `POST` with
 * `grant_type=client_credentials` in the query string, as bol's authentication guide shows it, the
 * client id and secret as HTTP Basic auth, `Accept: application/json`. The token is reused until
 * 30 s before `expires_in` runs out (bol blocks clients that ask for a token per call), and only
 * one request for a new token is in flight: concurrent callers wait for the same one.
 */
import { CredentialsRejectedError, DependencyUnavailableError } from '../../../domain/shared/errors.js';
import { bolTokenResponseSchema } from './bol-api-schemas.js';
import { exchange, type Fetch, parseJson, problemOf, rateLimited } from './bol-http.js';

const REFRESH_MARGIN_MS = 30_000;

export interface BolAccessTokenOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: Fetch;
  readonly timeoutMs: number;
  readonly now: () => Date;
}

export interface BolAccessTokens {
  /** A token valid for at least the refresh margin (or half its lifetime, if that is shorter). */
  get(): Promise<string>;
  /** bol refused this token (401): the next `get` fetches a new one, unless that already happened. */
  reject(token: string): void;
}

interface CachedToken {
  readonly value: string;
  readonly refreshAt: number;
}

export const createBolAccessTokens = (options: BolAccessTokenOptions): BolAccessTokens => {
  const { clientId, clientSecret, fetch, timeoutMs, now } = options;
  const what = 'bol token endpoint';
  const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const request = async (): Promise<CachedToken> => {
    const url = new URL(options.tokenUrl);
    url.searchParams.set('grant_type', 'client_credentials');
    const requestedAt = now().getTime();
    const response = await exchange(
      fetch,
      url,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, accept: 'application/json' } },
      timeoutMs,
      what,
    );
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new CredentialsRejectedError(
        `bol refused the client credentials of client ${clientId} (${problemOf(response).summary})`,
      );
    }
    if (response.status === 429) throw rateLimited(response, what, now());
    if (response.status !== 200) {
      throw new DependencyUnavailableError(`${what}: ${problemOf(response).summary}`);
    }
    const token = bolTokenResponseSchema.safeParse(parseJson(response, what));
    if (!token.success)
      throw new DependencyUnavailableError(`${what}: answer without access_token/expires_in`);
    const lifetimeMs = token.data.expires_in * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    return { value: token.data.access_token, refreshAt: requestedAt + lifetimeMs - margin };
  };

  return {
    async get() {
      if (cached !== undefined && now().getTime() < cached.refreshAt) return cached.value;
      pending ??= request().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.value;
    },
    reject(token) {
      if (cached?.value === token) cached = undefined;
    },
  };
};
