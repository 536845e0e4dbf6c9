import { z } from 'zod';
import { openFailures } from '../../projections/failures.js';
import type { Auth } from '../auth.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { HttpProblem, problemSchema } from '../problem.js';
import type { HttpServices } from '../services.js';

const failureView = z.object({
  position: z.string(),
  stream: z.string(),
  eventType: z.string(),
  tenantId: z.string().nullable(),
  kind: z.enum(['failed', 'held_back']),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.string(),
});

/** The operator's view of events the read models hold back, and the replay after a fix. */
export function operatorRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.get(
    '/v1/operator/projection-failures',
    {
      onRequest: auth.admin,
      schema: {
        tags: ['operations'],
        summary: 'Events the read models could not apply, and those held back behind them',
        security: [{ bearer: [] }],
        response: { 200: z.object({ items: z.array(failureView) }), 401: problemSchema, 403: problemSchema },
      },
    },
    async () => ({
      items: (await openFailures(services.app.db)).map((row) => ({
        position: String(row.position),
        stream: row.stream,
        eventType: row.event_type,
        tenantId: row.tenant_id,
        kind: row.kind,
        error: row.error,
        attempts: row.attempts,
        failedAt: new Date(row.failed_at).toISOString(),
      })),
    }),
  );

  app.post(
    '/v1/operator/projection-failures/replay',
    {
      onRequest: auth.admin,
      schema: {
        tags: ['operations'],
        summary: 'Apply the held-back events again (after the fix), stream by stream in order',
        security: [{ bearer: [] }],
        body: z.object({ tenantId: z.string().min(1).max(100).optional() }).default({}),
        response: {
          200: z.object({
            resolved: z.number().int(),
            stillOpen: z.number().int(),
            errors: z.array(z.object({ stream: z.string(), position: z.string(), error: z.string() })),
          }),
          401: problemSchema,
          403: problemSchema,
          503: problemSchema,
        },
      },
    },
    async (request) => {
      if (services.operations === undefined) {
        throw new HttpProblem(
          503,
          'unavailable',
          'Service Unavailable',
          'This process does not run the read models.',
        );
      }
      const outcome = await services.operations.replayProjectionFailures(
        request.body.tenantId === undefined ? {} : { tenantId: request.body.tenantId },
      );
      return { ...outcome, errors: [...outcome.errors] };
    },
  );
}
