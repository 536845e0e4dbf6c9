import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createAuth } from './auth.js';
import { BODY_LIMITS } from './body-limits.js';
import { echoRequestId, RequestLogController, requestId } from './logging.js';
import { frameworkErrorHandler, registerProblemHandlers } from './problem.js';
import { recordRouteTable } from './route-table.js';
import { channelRoutes } from './routes/channels.js';
import { creditNoteRoutes } from './routes/credit-notes.js';
import { exportRoutes, registerAuditTrailBodyParser } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { invoiceRoutes } from './routes/invoices.js';
import { operatorRoutes } from './routes/operator.js';
import { orderRoutes } from './routes/orders.js';
import { paymentRoutes } from './routes/payments.js';
import { reportRoutes } from './routes/reports.js';
import { tenantRoutes } from './routes/tenants.js';
import { registerSecurity } from './security.js';
import type { HttpServices } from './services.js';

/**
 * The merchant API. Infrastructure (logging, validation, OpenAPI, errors) first, then routes,
 * registered explicitly with their auth guard attached per route so the wiring is visible.
 */
export async function buildApp(services: HttpServices, options: { readonly logger: FastifyBaseLogger }) {
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new RequestLogController(),
    requestIdHeader: false,
    genReqId: requestId,
    bodyLimit: BODY_LIMITS.default,
    // URLs the router cannot decode, or too long a path parameter: problem+json like every refusal.
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  recordRouteTable(app, { publicPrefixes: ['/docs'] });
  echoRequestId(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  const auth = createAuth(services.app.db, services.adminApiKey);
  await registerSecurity(app, { rateLimit: services.rateLimit, callerOf: auth.callerId });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Autofactuur merchant API',
        version: '1.0.0',
        description:
          'Every order becomes a compliant, numbered, booked invoice. Amounts are decimal strings.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  healthRoutes(app, services);
  tenantRoutes(app, services, auth);
  orderRoutes(app, services, auth);
  invoiceRoutes(app, services, auth);
  creditNoteRoutes(app, services, auth);
  paymentRoutes(app, services, auth);
  reportRoutes(app, services, auth);
  registerAuditTrailBodyParser(app);
  exportRoutes(app, services, auth);
  operatorRoutes(app, services, auth);
  channelRoutes(app, services, auth);
  return app;
}
