import { z } from 'zod';
import { requestHash, withIdempotencyKey } from '../../application/idempotency.js';
import { issueCreditNote } from '../../application/issue-credit-note.js';
import type { CreditRequest } from '../../domain/invoice/credit-note.js';
import { deterministicId } from '../../domain/shared/ids.js';
import { amountString, positiveQuantityString } from '../../domain/shared/schemas.js';
import { type Auth, principalOf } from '../auth.js';
import { BODY_LIMITS } from '../body-limits.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { toInvoiceBody } from '../invoice-view.js';
import { problemSchema } from '../problem.js';
import { type InvoiceViewBody, idParams, invoiceViewSchema } from '../schemas.js';
import type { HttpServices } from '../services.js';

/** docs/api.md: full (`{}`), by lines and quantities, or a gross amount refunded with a reason. */
const creditNoteRequestSchema = z.union([
  z.strictObject({ amount: amountString, reason: z.string().min(1).max(500) }),
  z.strictObject({
    lines: z.array(z.object({ lineId: z.string().min(1), quantity: positiveQuantityString })).min(1),
    reason: z.string().min(1).max(500).optional(),
  }),
  z.strictObject({ reason: z.string().min(1).max(500).optional() }),
]);

const toCreditRequest = (body: z.infer<typeof creditNoteRequestSchema>): CreditRequest => {
  if ('amount' in body) return { kind: 'amount', amount: body.amount, reason: body.reason };
  if ('lines' in body)
    return {
      kind: 'lines',
      lines: body.lines,
      ...(body.reason === undefined ? {} : { reason: body.reason }),
    };
  return { kind: 'full', ...(body.reason === undefined ? {} : { reason: body.reason }) };
};

export function creditNoteRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.post(
    '/v1/invoices/:id/credit-notes',
    {
      onRequest: auth.merchant,
      bodyLimit: BODY_LIMITS.credit,
      schema: {
        tags: ['invoices'],
        summary: 'Correct an issued invoice with a credit note (full, by lines, or by amount)',
        security: [{ bearer: [] }],
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: creditNoteRequestSchema,
        response: { 201: invoiceViewSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const invoiceId = request.params.id;
      const key = request.headers['idempotency-key'];
      const creditNoteId =
        key === undefined
          ? services.app.ids.newId()
          : deterministicId('credit-note', tenantId, invoiceId, key);
      const issue = async () => {
        const document = await issueCreditNote(
          { ...services.app, ...services.numbering },
          { tenantId, invoiceId, creditNoteId, request: toCreditRequest(request.body) },
        );
        const view = {
          id: creditNoteId,
          seq: '0',
          status: 'issued' as const,
          reason: null,
          document,
          pdfSha256: null,
          ublSha256: null,
        };
        return { status: 201, body: toInvoiceBody(view) };
      };
      const response =
        key === undefined
          ? await issue()
          : await withIdempotencyKey(
              services.app.db,
              {
                tenantId,
                key: `credit-notes:${invoiceId}:${key}`,
                hash: requestHash(request.body),
                now: services.app.clock.now(),
              },
              issue,
            );
      return reply.code(201).send(response.body as InvoiceViewBody);
    },
  );
}
