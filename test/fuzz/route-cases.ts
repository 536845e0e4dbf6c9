import { createHmac } from 'node:crypto';
import { BODY_LIMITS } from '../../src/http/body-limits.js';
import { orderBody, SELLER } from '../support/test-stack.js';
import type { RequestSpec } from './requests.js';

/** What the setup made, so the valid examples can name real invoices, channels and keys. */
export interface Fixtures {
  readonly mainTenantId: string;
  /** An invoiced, booked order of the main tenant and its invoice (not paid yet). */
  readonly orderId: string;
  readonly invoiceId: string;
  /** An invoice the fuzzed credit notes are issued against. */
  readonly creditableInvoiceId: string;
  readonly channelId: string;
  readonly syncId: string;
  /** A WooCommerce channel of the order tenant (no seller settings), fed by signed webhooks. */
  readonly webhookChannelId: string;
  readonly webhookSecret: string;
  readonly woocommerceOrder: Record<string, unknown>;
  readonly shopBaseUrl: string;
  readonly shopCredentials: Readonly<Record<string, string>>;
  /** Accountant keys of the main tenant that may be revoked. */
  readonly revocableKeyIds: readonly string[];
  /** A hash-chained audit trail as exported (JSON Lines). */
  readonly auditTrail: string;
  /** The range of the main tenant's bookings (YYYY-MM-DD). */
  readonly bookedFrom: string;
  readonly bookedTo: string;
}

/**
 * Which tenant's key a route is called with: `main` holds the fixtures; `orders` (no seller settings,
 * so accepted orders park at once instead of being rendered) takes the fuzzed orders and webhooks;
 * `settings` takes the fuzzed seller settings, so the main tenant's invoices keep theirs.
 */
export type TenantName = 'main' | 'orders' | 'settings';

export interface RouteCase {
  readonly tenant?: TenantName;
  /** A valid request (the n-th sample may vary it, e.g. a fresh external id). */
  readonly example: (fixtures: Fixtures, n: number) => RequestSpec;
  /** How many fuzzed requests; the default suits a route whose accepted requests are cheap. */
  readonly runs?: number;
  /** The effective body limit when the route's own parser sets one (the table has the route's). */
  readonly bodyLimit?: number;
}

const json = (value: unknown) => ({ kind: 'json' as const, value });

/**
 * The valid requests the fuzzer starts from, one per `METHOD url` of the route table. A route with
 * path parameters, a body, required query parameters or another method than GET must have one here: the
 * fuzzer refuses to guess ids and bodies. The key is the route's: see `roleFor` in api-fuzz.test.ts.
 */
export const ROUTE_CASES: Readonly<Record<string, RouteCase>> = {
  'GET /docs/static/*': { example: () => ({ params: { '*': 'swagger-ui.css' }, query: [] }) },
  'POST /v1/tenants': {
    example: (_f, n) => ({ params: {}, query: [], body: json({ name: `Fuzz tenant ${n}` }) }),
    runs: 60,
  },
  'POST /v1/api-keys': {
    example: () => ({ params: {}, query: [], body: json({ role: 'accountant' }) }),
    runs: 60,
  },
  'DELETE /v1/api-keys/:id': {
    example: (f, n) => ({
      params: { id: f.revocableKeyIds[n % f.revocableKeyIds.length]! },
      query: [],
    }),
  },
  'PUT /v1/settings/seller': {
    tenant: 'settings',
    example: () => ({
      params: {},
      query: [],
      body: json({
        ...SELLER,
        peppolId: '0106:12345678',
        branding: { accentColor: '#1F4E79', footerText: 'Bedankt!' },
        numbering: {
          invoicePrefix: 'F{YYYY}-',
          creditNotePrefix: 'C{YYYY}-',
          yearlyRestart: true,
          digits: 6,
        },
        chartOfAccounts: {},
      }),
    }),
    runs: 100,
  },
  'POST /v1/orders': {
    tenant: 'orders',
    example: (_f, n) => ({
      params: {},
      query: [],
      headers: {},
      body: json(
        orderBody(`fuzz-${n}`, {
          customer: {
            name: 'Jan Jansen',
            companyName: 'Jansen Koffie B.V.',
            email: 'jan@example.nl',
            peppolId: '0106:12345678',
            reference: 'PO-1',
            companyId: { scheme: '0106', value: '12345678' },
            language: 'nl',
            address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
          },
          shipTo: { street: 'Kalverstraat 2', postalCode: '1012 PD', city: 'Amsterdam', countryCode: 'NL' },
          discount: { description: 'Korting', amount: '0.50' },
          shippedAt: '2026-11-20T12:00:00Z',
        }),
      ),
    }),
    runs: 70,
  },
  'GET /v1/orders/:id': { example: (f) => ({ params: { id: f.orderId }, query: [] }) },
  'GET /v1/orders': {
    example: () => ({
      params: {},
      query: [
        ['limit', '20'],
        ['status', 'invoiced'],
        ['channel', 'api'],
      ],
    }),
  },
  'POST /v1/orders/:id/retry': {
    example: (f) => ({ params: { id: f.orderId }, query: [] }),
  },
  'POST /v1/orders/:id/vat-id-decision': {
    example: (f) => ({
      params: { id: f.orderId },
      query: [],
      body: json({ decision: 'charge_as_consumer' }),
    }),
  },
  'GET /v1/invoices/:id': { example: (f) => ({ params: { id: f.invoiceId }, query: [] }) },
  'GET /v1/invoices': {
    example: () => ({
      params: {},
      query: [
        ['limit', '5'],
        ['status', 'booked'],
      ],
    }),
  },
  'POST /v1/invoices/:id/approve': {
    example: (f) => ({ params: { id: f.invoiceId }, query: [] }),
  },
  'GET /v1/invoices/:id/pdf': {
    example: (f) => ({ params: { id: f.invoiceId }, query: [] }),
  },
  'GET /v1/invoices/:id/ubl': {
    example: (f) => ({ params: { id: f.invoiceId }, query: [] }),
  },
  'POST /v1/invoices/:id/credit-notes': {
    example: (f) => ({
      params: { id: f.creditableInvoiceId },
      query: [],
      body: json({ amount: '0.01', reason: 'Fuzz korting' }),
    }),
    // An accepted credit note is rendered, validated, mailed and booked: the costliest write.
    runs: 12,
  },
  'POST /v1/invoices/:id/payments': {
    example: (f, n) => ({
      params: { id: f.invoiceId },
      query: [],
      body: json({ amount: '0.01', paidAt: '2026-11-21T10:00:00Z', method: 'ideal', reference: `fuzz-${n}` }),
    }),
    runs: 60,
  },
  'GET /v1/reports/vat-return': { example: (f) => period(f, [['format', 'json']]) },
  'GET /v1/reports/vat-return/documents': { example: (f) => period(f, [['box', '1a']]) },
  'GET /v1/reports/icp': { example: (f) => period(f, [['format', 'csv']]) },
  'GET /v1/reports/oss': { example: (f) => period(f, [['format', 'json']]) },
  'GET /v1/reports/revenue-by-channel': { example: (f) => period(f, [['format', 'json']]) },
  'GET /v1/reports/general-ledger': { example: (f) => period(f, [['format', 'csv']]) },
  'GET /v1/reports/open-receivables': {
    example: (f) => ({
      params: {},
      query: [
        ['asOf', f.bookedTo],
        ['format', 'json'],
      ],
    }),
  },
  'GET /v1/exports/journal.csv': { example: (f) => range(f) },
  'GET /v1/exports/xaf': { example: (f) => range(f), runs: 80 },
  'GET /v1/exports/audit-trail': { example: (f) => range(f), runs: 80 },
  'POST /v1/exports/audit-trail/verify': {
    example: (f) => ({
      params: {},
      query: [],
      body: { kind: 'raw', text: f.auditTrail },
      contentType: 'application/x-ndjson',
    }),
    runs: 80,
  },
  'POST /v1/operator/projection-failures/replay': {
    example: (f) => ({ params: {}, query: [], body: json({ tenantId: f.mainTenantId }) }),
  },
  'POST /v1/channels': {
    example: (f) => ({
      params: {},
      query: [],
      body: json({
        type: 'woocommerce',
        name: 'Fuzz shop',
        baseUrl: f.shopBaseUrl,
        credentials: f.shopCredentials,
        mode: 'automatic',
        // Polls run on the clock (aligned to the epoch): once a day at midnight UTC stays out of the run.
        pollIntervalMinutes: 1440,
        catalog: { supplyType: 'goods', vatClasses: { 'reduced-rate': 'reduced' } },
        syncFrom: '2026-11-01T00:00:00Z',
      }),
    }),
    runs: 60,
  },
  'GET /v1/channels/:id': { example: (f) => ({ params: { id: f.channelId }, query: [] }) },
  'PATCH /v1/channels/:id': {
    example: (f) => ({
      params: { id: f.channelId },
      query: [],
      body: json({
        mode: 'automatic',
        pollIntervalMinutes: 1440,
        paused: true,
        catalog: { supplyType: 'goods', vatClasses: { 'reduced-rate': 'reduced' } },
        credentials: f.shopCredentials,
      }),
    }),
    runs: 100,
  },
  'POST /v1/channels/:id/sync': {
    example: (f) => ({
      params: { id: f.channelId },
      query: [],
      body: json({ from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' }),
    }),
    runs: 40,
  },
  'GET /v1/channels/:id/syncs/:syncId': {
    example: (f) => ({ params: { id: f.channelId, syncId: f.syncId }, query: [] }),
  },
  'POST /v1/webhooks/:channelId': {
    tenant: 'orders',
    bodyLimit: BODY_LIMITS.webhook,
    example: (f, n) => ({
      params: { channelId: f.webhookChannelId },
      query: [],
      body: json({ ...f.woocommerceOrder, id: 900_000 + n, number: String(900_000 + n) }),
      headers: {
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-delivery-id': `fuzz-${n}`,
      },
      sign: (body) => ({
        'x-wc-webhook-signature': createHmac('sha256', f.webhookSecret).update(body).digest('base64'),
      }),
    }),
    runs: 25,
  },
};

/** The month the fixtures were booked in, so the reports have something to show. */
const period = (f: Fixtures, extra: [string, string][]): RequestSpec => ({
  params: {},
  query: [['period', f.bookedFrom.slice(0, 7)], ...extra],
});

const range = (f: Fixtures): RequestSpec => ({
  params: {},
  query: [
    ['from', f.bookedFrom],
    ['to', f.bookedTo],
  ],
});
