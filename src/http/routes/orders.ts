import { z } from 'zod';
import { requestHash, withIdempotencyKey } from '../../application/idempotency.js';
import { receiveOrder } from '../../application/orders.js';
import { findOrder, listOrders } from '../../application/queries.js';
import { orderSchema } from '../../domain/order/order.js';
import { type Auth, principalOf } from '../auth.js';
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
      schema: {
        tags: ['orders'],
        summary: 'Submit an order; it is invoiced automatically',
        security: [{ bearer: [] }],
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: orderSchema,
        response: { 200: accepted, 202: accepted, 400: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const submit = async () => {
        const received = await receiveOrder(services.app, tenantId, request.body);
        if (received.position !== undefined) {
          await services.readModels?.waitForPosition(received.position, READ_YOUR_WRITES_MS);
        }
        const current = await findOrder(services.app.db, tenantId, received.orderId);
        return {
          status: received.created ? 202 : 200,
          body: { id: received.orderId, status: current?.status ?? 'received' },
        };
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
        querystring: pageQuery,
        response: { 200: pageOf(orderViewSchema), 400: problemSchema },
      },
    },
    async (request) =>
      listOrders(services.app.db, principalOf(request).tenantId, request.query.cursor, request.query.limit),
  );
}
