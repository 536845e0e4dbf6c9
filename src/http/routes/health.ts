import { sql } from 'kysely';
import { Gauge, Registry } from 'prom-client';
import { z } from 'zod';
import { orderStatusCounts, readModelLag } from '../../application/operations.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import type { HttpServices } from '../services.js';

/** Read models further behind than this are not ready: an API reader would miss recent orders. */
const READY_MAX_LAG_MS = 30_000;
const TEMPORAL_TIMEOUT_MS = 2_000;

const check = z.object({ status: z.enum(['ok', 'failing']), detail: z.string().optional() });
const readiness = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.object({
    database: check,
    temporal: check,
    projections: check.extend({
      lagMs: z.number().optional(),
      checkpoint: z.string().optional(),
      openFailures: z.number().optional(),
      degradedTenants: z.number().optional(),
    }),
  }),
});
type Check = z.infer<typeof check>;

export function healthRoutes(app: FastifyZodApp, services: HttpServices): void {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
      },
    },
    async () => {
      await sql`select 1`.execute(services.app.db);
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database, Temporal, read models within their lag bound',
        description:
          '`degraded`: ready, but the read models of some tenant hold back an event that could not be applied (see the operator routes).',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      const database = await probe(async () => {
        await sql`select 1`.execute(services.app.db);
      });
      const temporal =
        services.operations === undefined
          ? ({ status: 'failing', detail: 'no Temporal connection in this process' } as const)
          : await probe(() => withTimeout(services.operations!.checkTemporal(), TEMPORAL_TIMEOUT_MS));
      let projections: z.infer<typeof readiness>['checks']['projections'];
      try {
        const lag = await readModelLag(services.app);
        projections = {
          status: lag.lagMs <= READY_MAX_LAG_MS ? 'ok' : 'failing',
          ...(lag.lagMs <= READY_MAX_LAG_MS ? {} : { detail: `read models are ${lag.lagMs} ms behind` }),
          lagMs: lag.lagMs,
          checkpoint: lag.checkpoint,
          openFailures: lag.openFailures,
          degradedTenants: lag.degradedTenants.length,
        };
      } catch (error) {
        projections = { status: 'failing', detail: errorText(error) };
      }
      const failing = [database, temporal, projections].some((c) => c.status === 'failing');
      const status = failing ? 'not_ready' : (projections.openFailures ?? 0) > 0 ? 'degraded' : 'ready';
      return reply.code(failing ? 503 : 200).send({ status, checks: { database, temporal, projections } });
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format)',
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const registry = await collectMetrics(services);
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}

/** Gauges read from the database at scrape time, so every API process reports the same truth. */
async function collectMetrics(services: HttpServices): Promise<Registry> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const lag = await readModelLag(services.app);
  gauge('autofactuur_read_model_lag_seconds', 'Age of the oldest event the read models have not applied').set(
    lag.lagMs / 1000,
  );
  gauge('autofactuur_read_model_checkpoint', 'Global position the read models have applied').set(
    Number(lag.checkpoint),
  );
  gauge(
    'autofactuur_projection_open_failures',
    'Events held back because they (or an earlier event of their stream) could not be applied',
  ).set(lag.openFailures);
  gauge('autofactuur_projection_degraded_tenants', 'Tenants whose read models hold back an event').set(
    lag.degradedTenants.length,
  );
  const orders = gauge('autofactuur_orders', 'Orders by status, all tenants', ['status']);
  const counts = await orderStatusCounts(services.app.db);
  for (const status of ['received', 'invoiced', 'held', 'needs_attention']) {
    orders.set({ status }, counts[status] ?? 0);
  }
  return registry;
}

async function probe(run: () => Promise<void>): Promise<Check> {
  try {
    await run();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failing', detail: errorText(error) };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
