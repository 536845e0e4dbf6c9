import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  chartInUse,
  generalLedger,
  journalLines,
  openReceivables,
} from '../../application/reports/ledger-reports.js';
import { parseDateRange, parsePeriod } from '../../application/reports/period.js';
import {
  icpListing,
  ossReturn,
  revenueByChannel,
  vatReturn,
  vatReturnDocuments,
} from '../../application/reports/vat-reports.js';
import { getSellerSettings } from '../../application/tenants.js';
import { calendarDate } from '../../domain/shared/schemas.js';
import { type Auth, principalOf } from '../auth.js';
import { toCsv } from '../csv.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { problemSchema } from '../problem.js';
import type { HttpServices } from '../services.js';

const periodQuery = z.object({
  period: z.string().describe('A month (2026-11) or a quarter (2026-Q4)'),
  format: z.enum(['json', 'csv']).default('json'),
});
const amount = z.string();

const sendCsv = (reply: FastifyReply, filename: string, csv: string) =>
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);

/** Reports for the merchant and the accountant (read-only keys may call all of them). */
export function reportRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  const { db } = services.app;
  const common = { onRequest: auth.reader };
  const schema = (summary: string, querystring: z.ZodType, ok: z.ZodType) => ({
    tags: ['reports'],
    summary,
    security: [{ bearer: [] }],
    querystring,
    response: { 200: ok, 400: problemSchema },
  });

  app.get(
    '/v1/reports/vat-return',
    {
      ...common,
      schema: schema(
        'Dutch VAT return boxes (1a…5g) for a month or quarter',
        periodQuery,
        z.union([
          z.object({
            period: z.string(),
            from: z.string(),
            until: z.string(),
            boxes: z.record(
              z.string(),
              z.object({ taxable: amount, vat: amount, documents: z.number().optional() }),
            ),
          }),
          z.string(),
        ]),
      ),
    },
    async (request, reply) => {
      const { period, format } = request.query as z.infer<typeof periodQuery>;
      const report = await vatReturn(db, principalOf(request).tenantId, parsePeriod(period));
      if (format === 'json') return report;
      const rows = Object.entries(report.boxes).map(([box, f]) => ({ box, ...f }));
      return sendCsv(reply, `vat-return-${period}.csv`, toCsv(rows, ['box', 'taxable', 'vat']));
    },
  );

  const boxQuery = z.object({ period: z.string(), box: z.enum(['1a', '1b', '1c', '1e', '3a', '3b']) });
  app.get(
    '/v1/reports/vat-return/documents',
    {
      ...common,
      schema: schema(
        'The documents behind one box of the VAT return',
        boxQuery,
        z.object({
          period: z.string(),
          box: z.string(),
          documents: z.array(z.record(z.string(), z.unknown())),
        }),
      ),
    },
    async (request) => {
      const { period, box } = request.query as z.infer<typeof boxQuery>;
      const documents = await vatReturnDocuments(db, principalOf(request).tenantId, parsePeriod(period), box);
      return { period, box, documents };
    },
  );

  const listing = <Row extends Record<string, unknown>>(
    path: string,
    summary: string,
    load: (tenantId: string, period: ReturnType<typeof parsePeriod>) => Promise<{ lines: Row[] } & object>,
    columns: readonly string[],
  ) =>
    app.get(
      path,
      {
        ...common,
        schema: schema(
          summary,
          periodQuery,
          z.union([z.object({ lines: z.array(z.record(z.string(), z.unknown())) }).loose(), z.string()]),
        ),
      },
      async (request, reply) => {
        const { period, format } = request.query as z.infer<typeof periodQuery>;
        const report = await load(principalOf(request).tenantId, parsePeriod(period));
        if (format === 'json') return report;
        return sendCsv(reply, `${path.split('/').at(-1)}-${period}.csv`, toCsv(report.lines, columns));
      },
    );

  listing(
    '/v1/reports/icp',
    'ICP listing: intra-EU supplies per customer VAT ID',
    (t, p) => icpListing(db, t, p),
    ['vatId', 'countryCode', 'kind', 'amount', 'documents'],
  );
  listing(
    '/v1/reports/oss',
    'OSS return per member state and rate (with corrections)',
    (t, p) => ossReturn(db, t, p),
    ['countryCode', 'rate', 'taxable', 'vat'],
  );
  listing(
    '/v1/reports/revenue-by-channel',
    'Revenue per sales channel',
    (t, p) => revenueByChannel(db, t, p),
    ['channel', 'net', 'vat', 'documents'],
  );
  listing(
    '/v1/reports/general-ledger',
    'Totals and balance per ledger account',
    async (t, p) => {
      const report = await generalLedger(db, t, p);
      return { ...report, lines: report.accounts };
    },
    ['account', 'accountName', 'debit', 'credit', 'balance'],
  );

  const asOfQuery = z.object({
    asOf: calendarDate.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  });
  app.get(
    '/v1/reports/open-receivables',
    {
      ...common,
      schema: schema(
        'Open receivables per document',
        asOfQuery,
        z.union([
          z.object({ total: amount, lines: z.array(z.record(z.string(), z.unknown())) }).loose(),
          z.string(),
        ]),
      ),
    },
    async (request, reply) => {
      const { asOf, format } = request.query as z.infer<typeof asOfQuery>;
      const report = await openReceivables(db, principalOf(request).tenantId, asOf);
      if (format === 'json') return report;
      return sendCsv(
        reply,
        'open-receivables.csv',
        toCsv(report.lines, ['document_number', 'document_type', 'customer_id', 'bookingDate', 'open']),
      );
    },
  );

  app.get(
    '/v1/ledger/accounts',
    {
      ...common,
      schema: {
        tags: ['reports'],
        summary: 'The chart of accounts in use: ledger key, own number and name, RGS code, balance/P&L',
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            accounts: z.array(
              z.object({
                key: z.string(),
                number: z.string(),
                name: z.string(),
                rgsCode: z.string(),
                type: z.enum(['B', 'P']),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const settings = await getSellerSettings(services.app, tenantId);
      return { accounts: await chartInUse(db, tenantId, settings?.chartOfAccounts ?? {}) };
    },
  );

  const rangeQuery = z.object({ from: calendarDate, to: calendarDate });
  app.get(
    '/v1/exports/journal.csv',
    {
      ...common,
      schema: {
        tags: ['exports'],
        summary: 'The journal (sales and bank) as CSV',
        security: [{ bearer: [] }],
        querystring: rangeQuery,
        response: { 200: z.string(), 400: problemSchema },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query as z.infer<typeof rangeQuery>;
      const rows = await journalLines(db, principalOf(request).tenantId, parseDateRange(from, to)).execute();
      const columns = [
        'booking_date',
        'journal',
        'entry_id',
        'line_no',
        'document_number',
        'document_type',
        'customer_id',
        'account',
        'account_name',
        'debit',
        'credit',
        'vat_category',
        'vat_rate',
      ];
      return sendCsv(reply, `journal-${from}-${to}.csv`, toCsv(rows, columns));
    },
  );
}
