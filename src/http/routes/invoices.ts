import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { retryOrder } from '../../application/orders.js';
import { findInvoice, type InvoiceView, listInvoices } from '../../application/queries.js';
import { type Auth, principalOf } from '../auth.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { toInvoiceBody } from '../invoice-view.js';
import { HttpProblem, notFound, problemSchema } from '../problem.js';
import { idParams, invoiceViewSchema, pageOf, pageQuery } from '../schemas.js';
import type { HttpServices } from '../services.js';

export function invoiceRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  const load = async (tenantId: string, invoiceId: string): Promise<InvoiceView> => {
    const invoice = await findInvoice(services.app.db, tenantId, invoiceId);
    if (invoice === undefined) throw notFound(`Invoice ${invoiceId} not found`);
    return invoice;
  };
  const sendDocument = async (
    reply: FastifyReply,
    sha256: string | null,
    contentType: string,
    filename: string,
  ) => {
    const content = sha256 === null ? undefined : await services.documents.get(sha256);
    if (content === undefined) {
      throw new HttpProblem(
        404,
        'document-not-ready',
        'Document Not Ready',
        'The document is being rendered; retry shortly.',
      );
    }
    return reply
      .type(contentType)
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('etag', `"${sha256}"`)
      .send(content);
  };

  app.get(
    '/v1/invoices/:id',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['invoices'],
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: invoiceViewSchema, 404: problemSchema },
      },
    },
    async (request) => toInvoiceBody(await load(principalOf(request).tenantId, request.params.id)),
  );

  app.get(
    '/v1/invoices',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['invoices'],
        security: [{ bearer: [] }],
        querystring: pageQuery.extend({ status: invoiceViewSchema.shape.status.optional() }),
        response: { 200: pageOf(invoiceViewSchema), 400: problemSchema },
      },
    },
    async (request) => {
      const page = await listInvoices(services.app.db, principalOf(request).tenantId, request.query);
      return { items: page.items.map(toInvoiceBody), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/invoices/:id/approve',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['invoices'],
        summary: 'Issue a draft (a test-mode order) for real: numbered, sent and booked',
        security: [{ bearer: [] }],
        params: idParams,
        response: {
          202: z.object({ id: z.string(), orderId: z.string(), status: z.literal('approved') }),
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const invoice = await load(principal.tenantId, request.params.id);
      if (invoice.status !== 'draft') {
        throw new HttpProblem(409, 'conflict', 'Conflict', `Invoice ${request.params.id} is not a draft`);
      }
      // Approving a draft releases its order: the workflow issues it with the next number.
      await retryOrder(
        services.app,
        principal.tenantId,
        invoice.document.orderId,
        `api-key:${principal.keyId}`,
      );
      return reply
        .code(202)
        .send({ id: request.params.id, orderId: invoice.document.orderId, status: 'approved' as const });
    },
  );

  app.get(
    '/v1/invoices/:id/pdf',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['invoices'],
        summary: 'The invoice as PDF',
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: z.any().describe('application/pdf'), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const invoice = await load(principalOf(request).tenantId, request.params.id);
      return sendDocument(reply, invoice.pdfSha256, 'application/pdf', `${invoice.document.number}.pdf`);
    },
  );

  app.get(
    '/v1/invoices/:id/ubl',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['invoices'],
        summary: 'The invoice as UBL 2.1 XML (Peppol BIS Billing 3.0 / NLCIUS)',
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: z.any().describe('application/xml'), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const invoice = await load(principalOf(request).tenantId, request.params.id);
      return sendDocument(
        reply,
        invoice.ublSha256,
        'application/xml; charset=utf-8',
        `${invoice.document.number}.xml`,
      );
    },
  );
}
