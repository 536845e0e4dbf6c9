/**
 * A real HTTP server (node:http on 127.0.0.1, port 0) standing in for a WooCommerce shop at
 * `/wp-json/wc/v3`. Every request is first validated against the `GET /orders` operation of the
 * WooCommerce OpenAPI document (test/fixtures/channels/woocommerce/woocommerce-openapi-3.0.x.yml):
 * an unknown query parameter, a wrong type or enum value is answered 400 like WordPress does and
 * recorded as a violation, so tests can assert the adapter never sent one. Then HTTP Basic auth is
 * checked with the shop's consumer key and secret (401 otherwise, as WooCommerce answers).
 *
 * By default it behaves like WooCommerce over a set of orders: `modified_after` / `modified_before`
 * compare strictly against `date_modified_gmt` (WordPress's date query), sorted by it ascending,
 * paged with `per_page` / `page` and the `X-WP-Total` / `X-WP-TotalPages` headers. A test can
 * replace the answer with a `WooReply` (errors, hangs, broken bodies).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';

export const API_ROOT = '/wp-json/wc/v3';
const SPEC = new URL('../../../fixtures/channels/woocommerce/woocommerce-openapi-3.0.x.yml', import.meta.url);
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** The spec as openapi-backend needs it: it matches operations by id, and this document has none. */
const loadSpec = (): Record<string, unknown> => {
  const definition = parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(definition.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method) && typeof operation === 'object' && operation !== null) {
        (operation as { operationId?: string }).operationId ??= `${method} ${path}`;
      }
    }
  }
  return definition;
};

export interface RequestCheck {
  readonly valid: boolean;
  readonly problems: string[];
}

/** Validates one request against the WooCommerce spec (path under `API_ROOT`, raw query string). */
export const createSpecValidator = async () => {
  const api = new OpenAPIBackend({
    definition: loadSpec() as never,
    apiRoot: API_ROOT,
    // Query values travel as strings; the spec types them (integer, boolean, enum).
    coerceTypes: true,
    // Compile each operation's validator when first used: the document has 62 paths.
    quick: true,
    // The generator of the document wrote `format: string` on date parameters: it means nothing.
    customizeAjv: (ajv) => ajv.addFormat('string', true),
  });
  await api.init();
  return (request: { method: string; path: string; query: string; headers: IncomingMessage['headers'] }) => {
    try {
      const result = api.validateRequest({
        method: request.method.toLowerCase(),
        path: request.path,
        query: request.query,
        headers: request.headers as Record<string, string | string[]>,
      });
      const problems = (result.errors ?? []).map(
        (error) =>
          `${error.instancePath} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
      );
      return { valid: result.valid, problems };
    } catch (error) {
      return { valid: false, problems: [`no operation ${request.method} ${request.path}: ${String(error)}`] };
    }
  };
};

export interface WooReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** JSON body. */
  readonly body?: unknown;
  /** This text instead of JSON (an HTML error page, a cut-off body). */
  readonly raw?: string;
  /** Never answer. */
  readonly hang?: boolean;
  /** Send the headers and the first part of `raw`, then stall without ending. */
  readonly stallAfterHeaders?: boolean;
  /** Announce `raw` as longer than it is and drop the connection after it. */
  readonly dropAfter?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

export interface FakeWooCommerce {
  /** The shop's REST API root, with path prefix. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly requests: RecordedRequest[];
  readonly violations: string[];
  /** The orders the default answer pages through. */
  orders: Record<string, unknown>[];
  /** Replaces the default answer while set. */
  reply: ((request: RecordedRequest) => WooReply | undefined) | undefined;
  /** Leaves out `X-WP-Total` / `X-WP-TotalPages`, as some caching proxies do. */
  omitPagingHeaders: boolean;
  close(): Promise<void>;
}

const wpError = (status: number, code: string, message: string) => ({ code, message, data: { status } });

const modified = (order: Record<string, unknown>): string => String(order.date_modified_gmt);

/** WooCommerce's answer to `GET /orders` over `orders`, with WordPress's strict date comparison. */
const listOrders = (orders: readonly Record<string, unknown>[], query: URLSearchParams): WooReply => {
  const after = query.get('modified_after');
  const before = query.get('modified_before');
  const perPage = Number(query.get('per_page') ?? '10');
  const page = Number(query.get('page') ?? '1');
  const matching = orders
    .filter(
      (order) => (after === null || modified(order) > after) && (before === null || modified(order) < before),
    )
    .sort((a, b) => modified(a).localeCompare(modified(b)) || Number(a.id) - Number(b.id));
  const totalPages = Math.ceil(matching.length / perPage);
  return {
    status: 200,
    headers: { 'x-wp-total': String(matching.length), 'x-wp-totalpages': String(totalPages) },
    body: matching.slice((page - 1) * perPage, page * perPage),
  };
};

const send = (res: ServerResponse, reply: WooReply, omitPagingHeaders: boolean): void => {
  if (reply.hang) return;
  const headers = { ...reply.headers };
  if (omitPagingHeaders) {
    delete headers['x-wp-total'];
    delete headers['x-wp-totalpages'];
  }
  const text = reply.raw ?? JSON.stringify(reply.body);
  const contentType =
    reply.raw === undefined ? 'application/json; charset=UTF-8' : 'text/html; charset=UTF-8';
  if (reply.stallAfterHeaders) {
    res.writeHead(reply.status, { 'content-type': contentType, ...headers });
    res.write(text);
    return;
  }
  if (reply.dropAfter) {
    res.writeHead(reply.status, {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(text) + 1_000),
      ...headers,
    });
    res.write(text, () => res.destroy());
    return;
  }
  res.writeHead(reply.status, { 'content-type': contentType, ...headers });
  res.end(text);
};

export const startFakeWooCommerce = async (credentials: {
  consumerKey: string;
  consumerSecret: string;
}): Promise<FakeWooCommerce> => {
  const validate = await createSpecValidator();
  const expectedAuthorization = `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64')}`;
  const sockets = new Set<import('node:net').Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    fake.requests.push(request);
    const check = validate({ ...request, query: url.search.slice(1) });
    if (!check.valid) {
      fake.violations.push(`${request.method} ${req.url}: ${check.problems.join('; ')}`);
      send(res, { status: 400, body: wpError(400, 'rest_invalid_param', check.problems.join('; ')) }, false);
      return;
    }
    if (req.headers.authorization !== expectedAuthorization) {
      send(
        res,
        {
          status: 401,
          body: wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
        },
        false,
      );
      return;
    }
    const reply = fake.reply?.(request) ?? listOrders(fake.orders, request.query);
    send(res, reply, fake.omitPagingHeaders);
  };

  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const fake: FakeWooCommerce = {
    baseUrl: `${origin}${API_ROOT}`,
    origin,
    requests: [],
    violations: [],
    orders: [],
    reply: undefined,
    omitPagingHeaders: false,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
};
