import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, startTestStack, type TestStack } from '../support/test-stack.js';

describe('a merchant cannot point our workers at internal services (production address check, PGlite)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('pglite', { platformAddresses: 'public' });
    tenant = await createTenant(t.app, 'Curious Shop');
  });
  afterAll(async () => t?.stop());

  it('refuses a shop or token URL on a private, local or metadata address with 400 and stores nothing', async () => {
    const connect = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/v1/channels', headers: bearer(tenant.apiKey), payload });
    const woo = await connect({
      type: 'woocommerce',
      name: 'Metadata',
      baseUrl: 'http://169.254.169.254/latest/meta-data',
      credentials: { consumerKey: 'ck_1', consumerSecret: 'cs_1', webhookSecret: 'wh_1' },
    });
    expect(woo.statusCode).toBe(400);
    expect(woo.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((woo.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['baseUrl']);

    const bol = await connect({
      type: 'bol',
      name: 'Internal',
      baseUrl: 'http://[::1]:8080/retailer',
      tokenUrl: 'http://localhost:9000/token',
      credentials: { clientId: 'id', clientSecret: 'secret' },
    });
    expect(bol.statusCode).toBe(400);
    expect((bol.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'baseUrl',
      'tokenUrl',
    ]);

    const listed = await t.app.inject({ method: 'GET', url: '/v1/channels', headers: bearer(tenant.apiKey) });
    expect((listed.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('connects a shop on a public address', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/channels',
      headers: bearer(tenant.apiKey),
      payload: {
        type: 'woocommerce',
        name: 'Public shop',
        baseUrl: 'https://93.184.215.14/wp-json/wc/v3',
        // No first import: this machine has no internet to reach the shop with.
        mode: 'automatic',
        credentials: { consumerKey: 'ck_1', consumerSecret: 'cs_1', webhookSecret: 'wh_1' },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});
