import { z } from 'zod';
import { requestHash, withIdempotencyKey } from '../../application/idempotency.js';
import { decideVatId, receiveOrder, retryOrder } from '../../application/orders.js';
import { findOrder, listOrders } from '../../application/queries.js';
import { orderSubmissionSchema } from '../../domain/order/order.js';
import { isCleanText } from '../../domain/shared/text.js';
import { type Auth, principalOf } from '../auth.js';
import { BODY_LIMITS } from '../body-limits.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { notFound, problemSchema } from '../problem.js';
import { idParams, orderViewSchema, pageOf, pageQuery } from '../schemas.js';
import type { HttpServices } from '../services.js';

const accepted = z.object({ id: z.string(), status: orderViewSchema.shape.status });
/** How long a POST waits for its order to show up in the read models before answering anyway. */
const READ_YOUR_WRITES_MS = 2_000;

export function orderRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.post(
    '/v1/orders',
    {
      onRequest: auth.merchant,
      bodyLimit: BODY_LIMITS.order,
      schema: {
        tags: ['orders'],
        summary: 'Submit an order; it is invoiced automatically',
        security: [{ bearer: [] }],
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: orderSubmissionSchema,
        response: { 200: accepted, 202: accepted, 400: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const submit = async () => {
        const received = await receiveOrder(services.app, tenantId, request.body);
        // Stored: from here on the answer is the order, whatever the read side is doing.
        let status: z.infer<typeof accepted>['status'] = 'received';
        try {
          if (received.position !== undefined) {
            await services.readModels?.waitForPosition(received.position, READ_YOUR_WRITES_MS);
          }
          status = (await findOrder(services.app.db, tenantId, received.orderId))?.status ?? status;
        } catch (error) {
          request.log.warn(
            { orderId: received.orderId, reason: error instanceof Error ? error.message : String(error) },
            'order stored; read models not yet up to date',
          );
        }
        return { status: received.created ? 202 : 200, body: { id: received.orderId, status } };
      };
      const key = request.headers['idempotency-key'];
      const response =
        key === undefined
          ? await submit()
          : await withIdempotencyKey(
              services.app.db,
              { tenantId, key, hash: requestHash(request.body), now: services.app.clock.now() },
              submit,
            );
      return reply.code(response.status as 200 | 202).send(response.body as z.infer<typeof accepted>);
    },
  );

  app.get(
    '/v1/orders/:id',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['orders'],
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: orderViewSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const order = await findOrder(services.app.db, principalOf(request).tenantId, request.params.id);
      if (order === undefined) throw notFound(`Order ${request.params.id} not found`);
      return order;
    },
  );

  app.get(
    '/v1/orders',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['orders'],
        security: [{ bearer: [] }],
        querystring: pageQuery.extend({
          status: orderViewSchema.shape.status.optional(),
          channel: z
            .string()
            .max(40)
            .refine(isCleanText, 'must not contain control characters or unpaired surrogates')
            .optional(),
        }),
        response: { 200: pageOf(orderViewSchema), 400: problemSchema },
      },
    },
    async (request) => listOrders(services.app.db, principalOf(request).tenantId, request.query),
  );

  app.post(
    '/v1/orders/:id/retry',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['orders'],
        summary: "Run a held or needs_attention order again, with today's settings",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 202: accepted, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await existingOrder(principal.tenantId, request.params.id);
      await retryOrder(services.app, principal.tenantId, request.params.id, `api-key:${principal.keyId}`);
      return reply.code(202).send({ id: request.params.id, status: 'received' as const });
    },
  );

  app.post(
    '/v1/orders/:id/vat-id-decision',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['orders'],
        summary: 'Release an order held for a buyer VAT ID that cannot be verified',
        description:
          '`charge_as_consumer` invoices the order with the VAT a consumer pays. Recorded with the key that decided.',
        security: [{ bearer: [] }],
        params: idParams,
        body: z.object({ decision: z.literal('charge_as_consumer') }),
        response: { 202: accepted, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await existingOrder(principal.tenantId, request.params.id);
      await decideVatId(
        services.app,
        principal.tenantId,
        request.params.id,
        request.body.decision,
        `api-key:${principal.keyId}`,
      );
      return reply.code(202).send({ id: request.params.id, status: 'received' as const });
    },
  );

  /** Another tenant's order is not found, never acted on. */
  const existingOrder = async (tenantId: string, orderId: string) => {
    const order = await findOrder(services.app.db, tenantId, orderId);
    if (order === undefined) throw notFound(`Order ${orderId} not found`);
    return order;
  };
}
