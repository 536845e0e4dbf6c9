/**
 * A real HTTP server (node:http, port 0) standing in for bol.com: the OAuth token endpoint
 * (`POST /token?grant_type=client_credentials`, Basic auth) and the Retailer API v10 order endpoints
 * under `/retailer` (`GET /orders`, `GET /orders/{order-id}`). It insists on what bol insists on
 * (the v10 media type in Accept → 406 otherwise, a bearer token it issued → 401 otherwise), pages
 * by 50 and filters on `change-interval-minute` (minutes before `now`) or `latest-change-date` (the
 * Amsterdam date of an item's latest change). Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BolOrderJson } from '../../../../src/adapters/channels/bol/bol-api-schemas.js';
import { toAmsterdamDate } from '../../../../src/domain/shared/dates.js';

export const BOL_V10 = 'application/vnd.retailer.v10+json';

export interface RecordedRequest {
  readonly method: string;
  /** Path without query, e.g. /retailer/orders */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw response body sent back (for validating answers against the spec). */
  response?: { status: number; body: string };
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Sent as is instead of JSON. */
  readonly rawBody?: string;
  /** Answer only after this many milliseconds. */
  readonly delayMs?: number;
}

export interface FakeBolOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly now: () => Date;
}

export interface FakeBol {
  /** e.g. http://127.0.0.1:PORT/retailer */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Retailer API requests, in order. */
  readonly requests: RecordedRequest[];
  /** Token endpoint requests (answered or not), in order. */
  readonly tokenRequests: RecordedRequest[];
  /** Orders as bol holds them (detail shape); the list is derived from them. */
  orders: BolOrderJson[];
  /** `expires_in` of the next tokens, in seconds. */
  tokenLifetimeSeconds: number;
  tokenDelayMs: number;
  /** Replaces the token endpoint's answer when set. */
  tokenReply: FakeReply | undefined;
  /** Asked first for every authorised API request; undefined → the normal answer. */
  intercept: ((request: RecordedRequest) => FakeReply | undefined) | undefined;
  /** Headers added to every API answer (e.g. rate-limit budget). */
  apiHeaders: Record<string, string>;
  /** Tokens issued so far, in order. */
  readonly issuedTokens: string[];
  /** bol forgets every token (as when they expire): the next API call gets 401. */
  revokeTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

const PAGE_SIZE = 50;

const problem = (status: number, title: string, detail: string) => ({
  type: 'https://api.bol.com/problems',
  title,
  status,
  detail,
  host: 'Instance-fake',
  instance: 'https://api.bol.com/retailer/orders',
  violations: [],
});

const reduced = (order: BolOrderJson) => ({
  orderId: order.orderId,
  orderPlacedDateTime: order.orderPlacedDateTime,
  orderItems: order.orderItems.map((item) => ({
    orderItemId: item.orderItemId,
    ean: item.product.ean,
    fulfilmentMethod: 'FBR',
    fulfilmentStatus:
      (item.quantityShipped ?? 0) + (item.quantityCancelled ?? 0) >= item.quantity ? 'HANDLED' : 'OPEN',
    quantity: item.quantity,
    quantityShipped: item.quantityShipped ?? 0,
    quantityCancelled: item.quantityCancelled ?? 0,
    cancellationRequest: item.cancellationRequest ?? false,
    latestChangedDateTime: item.latestChangedDateTime,
  })),
});

export const startFakeBol = async (options: FakeBolOptions): Promise<FakeBol> => {
  const timers = new Set<NodeJS.Timeout>();
  const validTokens = new Set<string>();
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  const reply = (res: ServerResponse, recorded: RecordedRequest | undefined, answer: FakeReply): void => {
    const send = () => {
      timers.delete(timer);
      const body = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      if (recorded) recorded.response = { status: answer.status, body };
      res.writeHead(answer.status, { 'content-type': BOL_V10, ...fake.apiHeaders, ...answer.headers });
      res.end(body);
    };
    const timer = setTimeout(send, answer.delayMs ?? 0);
    timers.add(timer);
  };

  const record = (req: IncomingMessage, url: URL): RecordedRequest => ({
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { accept: req.headers.accept, authorization: req.headers.authorization },
  });

  const tokenAnswer = (req: IncomingMessage, url: URL): FakeReply => {
    if (fake.tokenReply) return fake.tokenReply;
    if (req.method !== 'POST' || url.searchParams.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    if (req.headers.authorization !== basic) return { status: 401, body: { error: 'invalid_client' } };
    if (req.headers.accept !== 'application/json') return { status: 406, body: { error: 'not_acceptable' } };
    const value = `token-${fake.issuedTokens.length + 1}`;
    fake.issuedTokens.push(value);
    validTokens.add(value);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        access_token: value,
        token_type: 'Bearer',
        expires_in: fake.tokenLifetimeSeconds,
        scope: 'RETAILER',
      },
      delayMs: fake.tokenDelayMs,
    };
  };

  const listOrders = (query: Readonly<Record<string, string>>): FakeReply => {
    const interval = query['change-interval-minute'];
    const date = query['latest-change-date'];
    const since = interval === undefined ? undefined : options.now().getTime() - Number(interval) * 60_000;
    const matches = fake.orders.filter((order) =>
      order.orderItems.some((item) => {
        if (since !== undefined) return Date.parse(item.latestChangedDateTime) >= since;
        if (date !== undefined) return toAmsterdamDate(item.latestChangedDateTime) === date;
        return true;
      }),
    );
    const page = Number(query.page ?? '1');
    const slice = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    // Like bol: an empty object when nothing matches.
    return { status: 200, body: slice.length === 0 ? {} : { orders: slice.map(reduced) } };
  };

  const apiAnswer = (req: IncomingMessage, url: URL, recorded: RecordedRequest): FakeReply => {
    if (req.headers.accept !== BOL_V10) {
      return { status: 406, body: problem(406, 'Not Acceptable', `Accept must be ${BOL_V10}`) };
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    if (bearer === undefined || !validTokens.has(bearer)) {
      return { status: 401, body: problem(401, 'Unauthorized', 'Token expired') };
    }
    const intercepted = fake.intercept?.(recorded);
    if (intercepted) return intercepted;
    if (req.method === 'GET' && url.pathname === '/retailer/orders') return listOrders(recorded.query);
    const detail = /^\/retailer\/orders\/([^/]+)$/.exec(url.pathname);
    const order =
      detail && fake.orders.find((candidate) => candidate.orderId === decodeURIComponent(detail[1]!));
    if (req.method === 'GET' && order) return { status: 200, body: order };
    return { status: 404, body: problem(404, 'Not Found', `${url.pathname} not found`) };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-bol');
    req.resume();
    req.on('end', () => {
      if (url.pathname === '/token') {
        fake.tokenRequests.push(record(req, url));
        reply(res, undefined, tokenAnswer(req, url));
      } else if (url.pathname.startsWith('/retailer/')) {
        const recorded = record(req, url);
        fake.requests.push(recorded);
        reply(res, recorded, apiAnswer(req, url, recorded));
      } else {
        reply(res, undefined, { status: 404, body: {} });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeBol = {
    baseUrl: `http://127.0.0.1:${port}/retailer`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    requests: [],
    tokenRequests: [],
    orders: [],
    tokenLifetimeSeconds: 299,
    tokenDelayMs: 0,
    tokenReply: undefined,
    intercept: undefined,
    apiHeaders: {},
    issuedTokens: [],
    revokeTokens: () => validTokens.clear(),
    reset() {
      fake.requests.length = 0;
      fake.tokenRequests.length = 0;
      fake.orders = [];
      fake.tokenLifetimeSeconds = 299;
      fake.tokenDelayMs = 0;
      fake.tokenReply = undefined;
      fake.intercept = undefined;
      fake.apiHeaders = {};
      fake.issuedTokens.length = 0;
      validTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
};
