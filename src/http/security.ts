import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

export interface RateLimitSettings {
  /** Requests per API key (or, without a valid key, per client address) per minute. */
  readonly maxPerMinute: number;
}

/**
 * Security headers on every answer, and a request budget per caller. The budget is counted per API
 * key once the key is known to be valid, so one busy shop cannot starve the others, and per client
 * address otherwise, so made-up keys do not each get a fresh budget.
 */
export async function registerSecurity(
  app: FastifyInstance,
  options: {
    readonly rateLimit: RateLimitSettings | undefined;
    readonly callerOf: (request: FastifyRequest) => Promise<string | undefined>;
  },
): Promise<void> {
  await app.register(helmet, {
    // The API answers JSON, PDF and XML; nothing of it may run as a page. The docs UI sets its own policy.
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  if (options.rateLimit === undefined) return;
  await app.register(rateLimit, {
    // Not per route: route hooks run after the route's own guard, so a refused key would never count.
    global: false,
    max: options.rateLimit.maxPerMinute,
    timeWindow: 60_000,
    keyGenerator: async (request) => (await options.callerOf(request)) ?? `address:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        'too-many-requests',
        'Too Many Requests',
        `At most ${context.max} requests per minute; retry in ${context.after}.`,
      ),
  });
  // An app-level hook runs before every route's guard, and also for unknown URLs (no free probing).
  app.addHook('onRequest', app.rateLimit());
}
