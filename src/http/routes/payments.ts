import { z } from 'zod';
import { recordPayment } from '../../application/record-payment.js';
import { deterministicId } from '../../domain/shared/ids.js';
import { amountString, isoDateTime } from '../../domain/shared/schemas.js';
import { type Auth, principalOf } from '../auth.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { problemSchema } from '../problem.js';
import { idParams } from '../schemas.js';
import type { HttpServices } from '../services.js';

const paymentBody = z.object({
  amount: amountString.describe('EUR received (invoice) or refunded (credit note)'),
  paidAt: isoDateTime,
  method: z.string().min(1).max(50).optional(),
  reference: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Bank or PSP reference; the same reference is booked once'),
});

export function paymentRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.post(
    '/v1/invoices/:id/payments',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['invoices'],
        summary: 'Record a payment received for an invoice, or a refund paid for a credit note',
        security: [{ bearer: [] }],
        params: idParams,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: paymentBody,
        response: {
          201: z.object({ paymentId: z.string(), paidEur: z.string() }),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const { amount, paidAt, method, reference } = request.body;
      const key = reference ?? request.headers['idempotency-key'];
      const paymentId =
        key === undefined
          ? services.app.ids.newId()
          : deterministicId('payment', tenantId, request.params.id, key);
      const result = await recordPayment(services.app, {
        tenantId,
        invoiceId: request.params.id,
        paymentId,
        amountEur: amount,
        paidAt,
        ...(method === undefined ? {} : { method }),
      });
      return reply.code(201).send(result);
    },
  );
}
