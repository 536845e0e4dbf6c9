/**
 * A real HTTP server (node:http, port 0) standing in for one shop's Admin GraphQL API at
 * `POST /admin/api/2025-10/graphql.json`. It checks the access token (401 otherwise, like Shopify), reads the
 * GraphQL operation from the query text and its variables, and answers the three operations the adapter
 * sends from its data set: a page of `orders(first, after, sortKey: UPDATED_AT, query: "updated_at:…")`
 * with cursors, one `order(id:)`, and the follow-up `lineItems` of one order. Every answer carries
 * `extensions.cost` from `cost`. Anything off-protocol is answered 400 and recorded as a violation;
 * `override` lets a test answer a request its own way (errors, throttling, delays).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload } from './shopify-fixtures.js';

export const API_PATH = '/admin/api/2025-10';
export const ACCESS_TOKEN = 'shpat_0123456789abcdef_test_only';

export interface GraphqlCall {
  readonly operation: 'orders' | 'order' | 'lineItems';
  readonly query: string;
  readonly variables: Payload;
}

export interface FakeReply {
  readonly status?: number;
  readonly body?: unknown;
  /** Sent as text/html instead of JSON. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** Answer only after this many milliseconds (to exceed the client's timeout). */
  readonly delayMs?: number;
}

export interface FakeShopify {
  readonly baseUrl: string;
  readonly calls: GraphqlCall[];
  readonly violations: string[];
  /** Order nodes as the API returns them (nested `lineItems` page included). */
  orders: Payload[];
  /** Lines of an order beyond its nested page, served by the follow-up query. */
  readonly moreLines: Map<string, Payload[]>;
  cost: { requested: number; available: number; restoreRate: number };
  override: ((call: GraphqlCall) => FakeReply | undefined) | undefined;
  close(): Promise<void>;
}

const ORDERS_FIELD = /\borders\(first: \$first, after: \$cursor, sortKey: UPDATED_AT, query: \$query\)/;
const LINE_ITEMS_FIELD = /\border\(id: \$id\) \{\s*lineItems\(first: (\d+), after: \$cursor\)/;
const ORDER_FIELD = /\border\(id: \$id\) \{\s*\n\s*id\b/;
const RANGE =
  /^updated_at:>='(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)'(?: AND updated_at:<'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)')?$/;

const cursorOf = (index: number): string => Buffer.from(`after:${index}`).toString('base64');
const indexOf = (cursor: unknown): number =>
  typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString().slice('after:'.length)) : -1;

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const startFakeShopify = async (): Promise<FakeShopify> => {
  const timers = new Set<NodeJS.Timeout>();
  const fake: Omit<FakeShopify, 'baseUrl' | 'close'> = {
    calls: [],
    violations: [],
    orders: [],
    moreLines: new Map(),
    cost: { requested: 862, available: 1000, restoreRate: 50 },
    override: undefined,
  };

  const extensions = () => ({
    cost: {
      requestedQueryCost: fake.cost.requested,
      actualQueryCost: Math.min(fake.cost.requested, 120),
      throttleStatus: {
        maximumAvailable: 1000.0,
        currentlyAvailable: fake.cost.available,
        restoreRate: fake.cost.restoreRate,
      },
    },
  });

  const answer = (call: GraphqlCall): FakeReply => {
    const { variables } = call;
    if (call.operation === 'orders') {
      const range = RANGE.exec(String(variables.query));
      if (!range)
        return { status: 400, body: { errors: [{ message: `bad search query ${variables.query}` }] } };
      const [, from, to] = range;
      const matching = fake.orders
        .filter((o) => o.updatedAt >= from! && (to === undefined || o.updatedAt < to))
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
      const start = indexOf(variables.cursor) + 1;
      const nodes = matching.slice(start, start + Number(variables.first));
      const last = start + nodes.length - 1;
      return {
        body: {
          data: {
            orders: {
              pageInfo: {
                hasNextPage: last < matching.length - 1,
                endCursor: nodes.length ? cursorOf(last) : null,
              },
              nodes,
            },
          },
          extensions: extensions(),
        },
      };
    }
    const order = fake.orders.find((o) => o.id === variables.id);
    if (call.operation === 'order')
      return { body: { data: { order: order ?? null }, extensions: extensions() } };
    const lines = fake.moreLines.get(String(variables.id)) ?? [];
    const size = Number(LINE_ITEMS_FIELD.exec(call.query)![1]);
    const start = indexOf(variables.cursor) + 1;
    const nodes = lines.slice(start, start + size);
    const last = start + nodes.length - 1;
    return {
      body: {
        data: {
          order: order && {
            lineItems: {
              pageInfo: { hasNextPage: last < lines.length - 1, endCursor: cursorOf(last) },
              nodes,
            },
          },
        },
        extensions: extensions(),
      },
    };
  };

  const violation = (res: ServerResponse, text: string): void => {
    fake.violations.push(text);
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: text }] }));
  };

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    if (req.url !== `${API_PATH}/graphql.json` || req.method !== 'POST') {
      return violation(res, `${req.method} ${req.url}`);
    }
    if (req.headers['x-shopify-access-token'] !== ACCESS_TOKEN) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        }),
      );
    }
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return violation(res, `content-type ${req.headers['content-type']}`);
    }
    let request: { query?: unknown; variables?: unknown };
    try {
      request = JSON.parse(text);
    } catch {
      return violation(res, 'body is not JSON');
    }
    const query = typeof request.query === 'string' ? request.query : '';
    const variables = (request.variables ?? {}) as Payload;
    const operation = ORDERS_FIELD.test(query)
      ? 'orders'
      : LINE_ITEMS_FIELD.test(query)
        ? 'lineItems'
        : ORDER_FIELD.test(query)
          ? 'order'
          : undefined;
    if (operation === undefined) return violation(res, `unknown operation ${query.slice(0, 80)}`);
    if (
      operation === 'orders' &&
      !(Number.isInteger(variables.first) && variables.first > 0 && variables.first <= 250)
    ) {
      return violation(res, `first ${variables.first}`);
    }
    const call: GraphqlCall = { operation, query, variables };
    fake.calls.push(call);
    const reply = fake.override?.(call) ?? answer(call);
    const send = () => {
      const raw = reply.rawBody ?? JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        'content-type': reply.rawBody === undefined ? 'application/json' : 'text/html',
        ...reply.headers,
      });
      res.end(raw);
    };
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    } else {
      send();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}${API_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
};
