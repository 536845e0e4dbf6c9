import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyZodApp } from '../fastify-zod.js';
import type { HttpServices } from '../services.js';

export function healthRoutes(app: FastifyZodApp, services: HttpServices): void {
  app.get(
    '/health',
    {
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
}
