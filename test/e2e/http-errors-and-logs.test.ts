import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/logger.js';
import {
  ADMIN_KEY,
  bearer,
  createTenant,
  eventually,
  orderBody,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly reqId?: string;
  readonly tenantId?: string;
  readonly route?: string;
  readonly statusCode?: number;
  readonly err?: { message: string; stack: string };
  readonly failure?: { type: string; detail?: string; fields?: string[] };
}

interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: { field: string; message: string }[];
}

describe('HTTP problems and request logs (PostgreSQL, real Temporal)', () => {
  const written: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => written.push(line) },
  });
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('postgres', { logger });
    tenant = await createTenant(t.app, 'Logging Shop');
  });
  afterAll(async () => t?.stop());

  const requestIdOf = (response: { headers: Record<string, unknown> }) => {
    const id = response.headers['x-request-id'];
    if (typeof id !== 'string') throw new Error('no X-Request-Id in the response');
    return id;
  };
  /** The request's log lines, once its completion line is out (it is written after the answer). */
  const linesOf = (reqId: string) =>
    eventually(
      async () => {
        const own = written.filter((raw) => raw.includes(reqId)).map((raw) => JSON.parse(raw) as LogLine);
        return own.some((line) => line.msg === 'request completed') ? own : undefined;
      },
      2_000,
      10,
    );

  it('writes one JSON line per request with its request id, which goes back to the caller', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/orders',
      headers: { ...bearer(tenant.apiKey), 'x-request-id': 'shop-7f3a.42' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('shop-7f3a.42');
    const lines = await linesOf('shop-7f3a.42');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      reqId: 'shop-7f3a.42',
      tenantId: tenant.id,
      route: '/v1/orders',
      statusCode: 200,
    });

    for (const unfit of ['two words', 'x'.repeat(129), 'a"b{}']) {
      const other = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': unfit } });
      expect(requestIdOf(other)).toMatch(/^[0-9a-f-]{36}$/);
      expect(await linesOf(requestIdOf(other))).toHaveLength(1);
    }
    for (const raw of written) expect(() => JSON.parse(raw)).not.toThrow();
  });

  it('answers each 4xx with its own title and logs it as one line without a stack', async () => {
    const cases = [
      {
        request: {
          method: 'POST' as const,
          url: '/v1/orders',
          headers: { ...bearer(tenant.apiKey), 'content-type': 'application/xml' },
          payload: '<order/>',
        },
        status: 415,
        title: 'Unsupported Media Type',
      },
      {
        request: {
          method: 'POST' as const,
          url: '/v1/orders',
          headers: bearer(tenant.apiKey),
          payload: orderBody('huge', { lines: [{ description: 'x'.repeat(2_200_000) }] }),
        },
        status: 413,
        title: 'Content Too Large',
      },
      {
        request: {
          method: 'POST' as const,
          url: '/v1/orders',
          headers: { ...bearer(tenant.apiKey), 'content-type': 'application/json' },
          payload: '{"externalId": "1001", ',
        },
        status: 400,
        title: 'Bad Request',
        detail: 'The request body is not valid JSON.',
      },
      { request: { method: 'GET' as const, url: '/v1/nothing-here' }, status: 404, title: 'Not Found' },
      { request: { method: 'GET' as const, url: '/v1/orders' }, status: 401, title: 'Unauthorized' },
    ];
    for (const { request, status, title, detail } of cases) {
      const res = await t.app.inject(request);
      expect(res.statusCode, request.url).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json() as ProblemBody;
      expect(problem).toMatchObject({ status, title, ...(detail === undefined ? {} : { detail }) });

      const reqId = requestIdOf(res);
      const lines = await linesOf(reqId);
      expect(lines, `${status}: one line`).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'warn', statusCode: status });
      expect(lines[0]!.failure?.type).toBe(problem.type.split('/').at(-1));
      expect(written.filter((raw) => raw.includes(reqId)).join('')).not.toContain('stack');
    }
  });

  it('refuses a tenant key on an operator route with 403; a missing or unknown key stays 401', async () => {
    const create = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/v1/tenants', headers, payload: { name: 'Someone Else' } });

    const merchant = await create(bearer(tenant.apiKey));
    expect(merchant.statusCode).toBe(403);
    expect((merchant.json() as ProblemBody).title).toBe('Forbidden');
    expect((await create({})).statusCode).toBe(401);
    expect((await create(bearer('afk_not-a-key-of-anyone'))).statusCode).toBe(401);
    expect((await create({ authorization: 'Basic Zm9vOmJhcg==' })).statusCode).toBe(401);
    expect((await create(bearer(ADMIN_KEY))).statusCode).toBe(201);
  });

  it('lists every bad field of a request at once: a header, and a line without VAT class next to a wrong price', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...bearer(tenant.apiKey), 'idempotency-key': 'k'.repeat(201) },
      payload: orderBody('all-bad', {
        currency: 'euro',
        customer: { ...orderBody('x').customer, email: 'not an e-mail address' },
        lines: [
          { description: 'Koffiebonen 1 kg', quantity: '1', unitPrice: '12.50', vatClass: 'reduced' },
          { description: 'Mok', quantity: '1', unitPrice: 8 },
        ],
      }),
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ProblemBody).errors!.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'headers.idempotency-key',
        'currency',
        'customer.email',
        'lines.1.unitPrice',
        'lines.1.vatClass',
      ]),
    );
    const [line] = await linesOf(requestIdOf(res));
    expect(line!.failure).toMatchObject({
      type: 'validation-failed',
      fields: expect.arrayContaining(fields),
    });
  });

  it('logs a bug with its stack, and answers 500 without revealing it', async () => {
    await sql`alter table orders rename to orders_elsewhere`.execute(t.stack.db);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/v1/orders', headers: bearer(tenant.apiKey) });
      expect(res.statusCode).toBe(500);
      const problem = res.json() as ProblemBody;
      expect(problem).toMatchObject({
        title: 'Internal Server Error',
        detail: 'Something went wrong on our side.',
      });
      expect(res.body).not.toContain('relation');
      expect(res.body).not.toContain('orders_elsewhere');

      const lines = await linesOf(requestIdOf(res));
      const bug = lines.find((line) => line.err !== undefined);
      expect(bug).toMatchObject({ level: 'error', msg: 'unexpected error' });
      expect(bug!.err!.stack).toContain('\n    at ');
      expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({
        level: 'error',
        statusCode: 500,
      });
    } finally {
      await sql`alter table orders_elsewhere rename to orders`.execute(t.stack.db);
    }
  });

  it('never writes an API key to the log, in any form', async () => {
    // A careless client puts its key where it does not belong; the log still never shows it.
    const careless = await t.app.inject({
      method: 'GET',
      url: `/v1/orders?cursor=${tenant.apiKey}`,
      headers: {
        ...bearer(tenant.apiKey),
        'x-request-id': tenant.apiKey,
        cookie: `session=${tenant.apiKey}`,
      },
    });
    expect(requestIdOf(careless)).toBe(tenant.apiKey);
    await eventually(async () =>
      written.some((raw) => raw.includes('"reqId":"afk_[REDACTED]"') && raw.includes('request completed'))
        ? true
        : undefined,
    );
    // Whoever logs a whole request or channel object gets the secrets redacted.
    t.app.log.info(
      {
        request: { headers: { authorization: `Bearer ${ADMIN_KEY}`, cookie: `k=${tenant.apiKey}` } },
        channel: { credentials: { consumerSecret: 'cs_secret_value' } },
        settings: { apiKey: 'peppol-provider-key-123' },
      },
      'an object with secrets',
    );

    const log = written.join('');
    expect(log).toContain('afk_[REDACTED]');
    expect(log).toContain('"authorization":"[REDACTED]"');
    for (const secret of [
      tenant.apiKey,
      tenant.apiKey.slice('afk_'.length),
      createHash('sha256').update(tenant.apiKey).digest('hex'),
      ADMIN_KEY,
      'cs_secret_value',
      'peppol-provider-key-123',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
