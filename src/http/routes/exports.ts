import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { errorCodes } from 'fastify';
import { z } from 'zod';
import { exportAuditTrail } from '../../adapters/exports/audit-trail/export-audit-trail.js';
import { splitLines } from '../../adapters/exports/audit-trail/split-lines.js';
import { verifyAuditTrail } from '../../adapters/exports/audit-trail/verify-audit-trail.js';
import { writeXaf } from '../../adapters/exports/xaf/xaf-writer.js';
import { xafInput } from '../../application/exports/xaf-input.js';
import { parseDateRange } from '../../application/reports/period.js';
import { getSellerSettings } from '../../application/tenants.js';
import { calendarDate } from '../../domain/shared/schemas.js';
import { type Auth, principalOf } from '../auth.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { notFound, problemSchema } from '../problem.js';
import type { HttpServices } from '../services.js';

const rangeQuery = z.object({ from: calendarDate, to: calendarDate });
const VERIFY_URL = '/v1/exports/audit-trail/verify';
const VERSION = '0.1.0';

/** Accountant exports: the XAF 3.2 auditfile and the hash-chained audit trail (read-only keys allowed). */
export function exportRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.get(
    '/v1/exports/xaf',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['exports'],
        summary: 'XAF 3.2 auditfile for a date range (validated references, balanced transactions)',
        security: [{ bearer: [] }],
        querystring: rangeQuery,
        response: {
          200: z.any().describe('application/xml (XAF 3.2)'),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const range = parseDateRange(request.query.from, request.query.to);
      const seller = await getSellerSettings(services.app, tenantId);
      if (seller === undefined)
        throw notFound('No seller settings: the auditfile needs the company details.');
      const input = await xafInput(services.app.db, tenantId, seller, range, {
        name: 'Autofactuur',
        version: VERSION,
        today: services.app.clock.now().toISOString().slice(0, 10),
      });
      // Written to a temporary file first: the writer checks references and balances while it streams
      // and only at the end knows the file is sound; a client never receives a half-valid auditfile.
      const directory = await mkdtemp(join(tmpdir(), 'xaf-'));
      const path = join(directory, 'auditfile.xaf');
      try {
        const file = createWriteStream(path);
        await writeXaf(input, file);
        file.end();
        await finished(file);
      } catch (error) {
        await rm(directory, { recursive: true, force: true });
        throw error;
      }
      const stream = createReadStream(path);
      stream.on('close', () => void rm(directory, { recursive: true, force: true }));
      return reply
        .type('application/xml; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="auditfile-${request.query.from}-${request.query.to}.xaf"`,
        )
        .send(stream);
    },
  );

  app.get(
    '/v1/exports/audit-trail',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['exports'],
        summary: 'Every event of the tenant recorded in [from, to] as hash-chained JSON Lines (streamed)',
        security: [{ bearer: [] }],
        querystring: rangeQuery,
        response: { 200: z.any().describe('application/x-ndjson'), 400: problemSchema },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const range = parseDateRange(request.query.from, request.query.to);
      const lines = exportAuditTrail({
        eventStore: services.app.eventStore,
        tenantId,
        from: new Date(`${range.from}T00:00:00Z`),
        to: new Date(`${range.until}T00:00:00Z`),
      });
      const body = Readable.from(
        (async function* () {
          for await (const line of lines) yield `${line}\n`;
        })(),
      );
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-trail-${request.query.from}-${request.query.to}.jsonl"`,
        )
        .send(body);
    },
  );

  app.post(
    VERIFY_URL,
    {
      onRequest: auth.reader,
      schema: {
        tags: ['exports'],
        summary: 'Verify an exported audit trail (send the JSON Lines file as the body)',
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            valid: z.boolean(),
            count: z.number(),
            firstInvalidLine: z.number().optional(),
            reason: z.string().optional(),
            trailerHash: z.string().optional(),
          }),
        },
      },
    },
    async (request) => verifyAuditTrail(splitLines(request.body as AsyncIterable<Uint8Array>)),
  );
}

/**
 * The audit trail is verified as a stream, so a large file never sits in memory. These content types
 * are for that route only: elsewhere a text/plain body would have reached a JSON route as a stream, and
 * a route whose fields are all optional would have taken it for `{}`.
 */
export function registerAuditTrailBodyParser(app: FastifyZodApp): void {
  for (const type of ['application/x-ndjson', 'application/jsonl', 'text/plain']) {
    app.addContentTypeParser(type, (request, payload, done) => {
      if (request.routeOptions.url === VERIFY_URL) return done(null, payload);
      payload.resume();
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type), undefined);
    });
  }
}
