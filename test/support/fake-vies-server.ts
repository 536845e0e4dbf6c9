/**
 * A real HTTP server (node:http, port 0) that speaks the VIES REST protocol of `POST /check-vat-number`
 * (test/fixtures/eu-vies/swagger_publicVAT.yaml, plus the live service's `userError`). Every request is
 * recorded; anything off-protocol (method, path, content type, body shape) is answered 4xx and recorded
 * as a violation, so tests can assert the adapter never sent one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ViesReply {
  status: number;
  body: unknown;
  /** Answer only after this many milliseconds (to exceed the client's timeout). */
  delayMs?: number;
  /** Send this text instead of JSON (e.g. an HTML error page). */
  rawBody?: string;
}

export type ViesScenario = (request: Record<string, unknown>) => ViesReply;

/** Properties of `CheckVatRequest` in the Swagger description. */
export const CHECK_VAT_REQUEST_FIELDS = [
  'countryCode',
  'vatNumber',
  'requesterMemberStateCode',
  'requesterNumber',
  'traderName',
  'traderStreet',
  'traderPostalCode',
  'traderCity',
  'traderCompanyType',
];

export interface FakeVies {
  readonly baseUrl: string;
  /** Bodies of the accepted `POST /check-vat-number` requests, in order. */
  readonly requests: Record<string, unknown>[];
  readonly violations: string[];
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, body: unknown, raw?: string): void => {
  const text = raw ?? JSON.stringify(body);
  res.writeHead(status, { 'content-type': raw === undefined ? 'application/json' : 'text/html' });
  res.end(text);
};

const protocolViolation = (req: IncomingMessage, text: string): string | undefined => {
  if (req.url !== '/check-vat-number') return `path ${req.url}`;
  if (req.method !== 'POST') return `method ${req.method}`;
  if (!req.headers['content-type']?.startsWith('application/json')) {
    return `content-type ${req.headers['content-type']}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (typeof body !== 'object' || body === null) return 'body is not an object';
  const unknownFields = Object.keys(body).filter((key) => !CHECK_VAT_REQUEST_FIELDS.includes(key));
  if (unknownFields.length > 0) return `unknown fields ${unknownFields.join(',')}`;
  const { countryCode, vatNumber } = body as Record<string, unknown>;
  if (typeof countryCode !== 'string' || !/^[A-Z]{2}$/.test(countryCode)) return `countryCode ${countryCode}`;
  if (typeof vatNumber !== 'string' || !/^[0-9A-Z+*]{2,12}$/.test(vatNumber)) return `vatNumber ${vatNumber}`;
  return undefined;
};

export const startFakeVies = async (scenario: ViesScenario): Promise<FakeVies> => {
  const requests: Record<string, unknown>[] = [];
  const violations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const violation = protocolViolation(req, text);
    if (violation) {
      violations.push(violation);
      send(res, req.url === '/check-vat-number' ? 400 : 404, {
        actionSucceed: false,
        errorWrappers: [{ error: 'PROTOCOL', message: violation }],
      });
      return;
    }
    const request = JSON.parse(text) as Record<string, unknown>;
    requests.push(request);
    const reply = scenario(request);
    const answer = () => send(res, reply.status, reply.body, reply.rawBody);
    if (reply.delayMs === undefined) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) answer();
    }, reply.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
