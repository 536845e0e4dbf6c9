import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ChannelView,
  findChannel,
  findChannelSync,
  listChannels,
} from '../../application/channel-queries.js';
import {
  changeChannel,
  channelCredentialsSchemas,
  connectChannel,
  loadConnection,
  requestChannelSync,
  takeVerifiedWebhook,
} from '../../application/channels.js';
import { channelCatalogSchema, channelModeSchema, channelTypeSchema } from '../../domain/channel/channel.js';
import { isoDateTime } from '../../domain/shared/schemas.js';
import { identifierText } from '../../domain/shared/text.js';
import { type Auth, principalOf } from '../auth.js';
import { BODY_LIMITS } from '../body-limits.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { HttpProblem, notFound, problemSchema } from '../problem.js';
import type { HttpServices } from '../services.js';

const channelView = z
  .object({
    id: z.string(),
    type: channelTypeSchema,
    name: z.string(),
    baseUrl: z.string(),
    mode: channelModeSchema,
    pollIntervalMinutes: z.number().int(),
    catalog: channelCatalogSchema,
    status: z.enum(['ok', 'failing', 'paused']),
    lastSyncAt: z.string().nullable(),
    lastError: z.string().nullable(),
    webhookUrl: z.string().nullable(),
  })
  .meta({ id: 'Channel' });

/** Ids in the path are looked up in the database, which cannot compare text holding U+0000. */
const channelIdParam = identifierText(100);
const catalog = channelCatalogSchema.describe(
  'What the platform does not say: `supplyType` (goods | services) and `vatClasses`, the VAT class per ' +
    'WooCommerce tax-class slug or bol EAN (bol names no VAT rate; unlisted EANs are standard).',
);
const httpUrl = z.url({ protocol: /^https?$/ }).max(500);
const credentials = z
  .record(z.string(), z.string().max(500))
  .describe(
    `woocommerce: ${Object.keys(channelCredentialsSchemas.woocommerce.shape).join(', ')}; ` +
      `shopify: ${Object.keys(channelCredentialsSchemas.shopify.shape).join(', ')}; ` +
      `bol: ${Object.keys(channelCredentialsSchemas.bol.shape).join(', ')}. Stored sealed, never returned.`,
  );

export function channelRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  const channelServices = () => {
    if (services.channels === undefined) {
      throw new HttpProblem(
        503,
        'unavailable',
        'Service Unavailable',
        'Channels are not configured in this process.',
      );
    }
    return services.channels;
  };
  const withWebhookUrl = (view: ChannelView) => ({
    ...view,
    webhookUrl: view.type === 'bol' ? null : `${services.publicBaseUrl ?? ''}/v1/webhooks/${view.id}`,
  });
  /** The write is stored; the answer shows it once the read model has it (or as it is after 2 s). */
  const readYourWrite = async (position: bigint | undefined) => {
    if (position === undefined) return;
    await services.readModels?.waitForPosition(position, 2_000).catch(() => undefined);
  };
  const existing = async (tenantId: string, channelId: string) => {
    const view = await findChannel(services.app.db, tenantId, channelId);
    if (view === undefined) throw notFound(`Channel ${channelId} not found`);
    return view;
  };

  app.post(
    '/v1/channels',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        summary: 'Connect a shop or marketplace: its orders then arrive by themselves',
        security: [{ bearer: [] }],
        body: z.object({
          type: channelTypeSchema,
          name: z.string().min(1).max(100),
          baseUrl: httpUrl.describe(
            'The API root including its path prefix, e.g. https://shop.example.nl/wp-json/wc/v3',
          ),
          tokenUrl: httpUrl.optional().describe('bol only: the OAuth2 token endpoint'),
          credentials,
          mode: channelModeSchema.default('test'),
          pollIntervalMinutes: z.number().int().min(5).max(1440).default(15),
          catalog: catalog.default({ supplyType: 'goods', vatClasses: {} }),
          syncFrom: isoDateTime
            .optional()
            .describe(
              'Import orders changed since then. Default: the last 30 days in test mode (as drafts); none in automatic mode.',
            ),
        }),
        response: { 201: channelView, 400: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const { tokenUrl, syncFrom, ...body } = request.body;
      const { channelId, position } = await connectChannel(
        { ...services.app, ...channelServices() },
        tenantId,
        {
          ...body,
          ...(tokenUrl === undefined ? {} : { tokenUrl }),
          ...(syncFrom === undefined ? {} : { syncFrom: new Date(syncFrom) }),
        },
      );
      await readYourWrite(position);
      return reply.code(201).send(withWebhookUrl(await existing(tenantId, channelId)));
    },
  );

  app.get(
    '/v1/channels',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ items: z.array(channelView) }) },
      },
    },
    async (request) => ({
      items: (await listChannels(services.app.db, principalOf(request).tenantId)).map(withWebhookUrl),
    }),
  );

  app.get(
    '/v1/channels/:id',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        security: [{ bearer: [] }],
        params: z.object({ id: channelIdParam }),
        response: { 200: channelView, 404: problemSchema },
      },
    },
    async (request) => withWebhookUrl(await existing(principalOf(request).tenantId, request.params.id)),
  );

  app.patch(
    '/v1/channels/:id',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        summary: 'Change mode, poll interval, credentials, or pause',
        security: [{ bearer: [] }],
        params: z.object({ id: channelIdParam }),
        body: z.object({
          mode: channelModeSchema.optional(),
          pollIntervalMinutes: z.number().int().min(5).max(1440).optional(),
          catalog: catalog.optional(),
          paused: z.boolean().optional(),
          credentials: credentials.optional(),
        }),
        response: { 200: channelView, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      await existing(tenantId, request.params.id);
      const { credentials: newCredentials, ...rest } = request.body;
      const position = await changeChannel(
        { ...services.app, secrets: channelServices().secrets },
        tenantId,
        request.params.id,
        { ...rest, ...(newCredentials === undefined ? {} : { credentials: newCredentials }) },
      );
      await readYourWrite(position);
      return withWebhookUrl(await existing(tenantId, request.params.id));
    },
  );

  app.post(
    '/v1/channels/:id/sync',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        summary: 'Poll now, or backfill the orders changed in a range',
        security: [{ bearer: [] }],
        params: z.object({ id: channelIdParam }),
        body: z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() }).default({}),
        response: { 202: z.object({ syncId: z.string() }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await existing(principal.tenantId, request.params.id);
      const { syncId, position } = await requestChannelSync(
        { ...services.app, secrets: channelServices().secrets },
        principal.tenantId,
        request.params.id,
        {
          ...(request.body.from === undefined
            ? {}
            : { changedFrom: new Date(request.body.from).toISOString() }),
          ...(request.body.to === undefined ? {} : { changedTo: new Date(request.body.to).toISOString() }),
        },
        `api-key:${principal.keyId}`,
      );
      await readYourWrite(position);
      return reply.code(202).send({ syncId });
    },
  );

  app.get(
    '/v1/channels/:id/syncs/:syncId',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['channels'],
        security: [{ bearer: [] }],
        params: z.object({ id: channelIdParam, syncId: channelIdParam }),
        response: {
          200: z.object({
            syncId: z.string(),
            status: z.enum(['running', 'done', 'failed']),
            ordersSeen: z.number().int(),
            ordersRecorded: z.number().int(),
            errors: z.array(z.string()),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const sync = await findChannelSync(
        services.app.db,
        principalOf(request).tenantId,
        request.params.id,
        request.params.syncId,
      );
      if (sync === undefined) throw notFound(`Sync ${request.params.syncId} not found`);
      return sync;
    },
  );

  // Platforms sign the raw bytes: the body is kept as a Buffer and checked before it is parsed.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: BODY_LIMITS.webhook },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/v1/webhooks/:channelId',
      {
        config: { access: 'signed-webhook' },
        schema: {
          tags: ['channels'],
          summary: 'Order webhooks from WooCommerce and Shopify (signature over the raw body)',
          params: z.object({ channelId: channelIdParam }),
          response: {
            200: z.object({
              received: z.boolean(),
              duplicate: z.boolean().optional(),
              orderId: z.string().optional(),
            }),
            401: problemSchema,
            404: problemSchema,
          },
        },
      },
      async (request) => {
        const { secrets, adapters } = channelServices();
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const connection = await findConnectionForWebhook(services, request.params.channelId);
        const webhooks = connection === undefined ? undefined : adapters.webhooksFor(connection);
        if (connection === undefined || webhooks === undefined) {
          throw notFound(`No channel ${request.params.channelId} takes webhooks`);
        }
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [
            name,
            Array.isArray(value) ? value[0] : value,
          ]),
        );
        const secret = JSON.parse(secrets.open(connection.credentials)).webhookSecret as string | undefined;
        if (secret === undefined || !webhooks.verify(raw, headers, secret)) {
          throw new HttpProblem(
            401,
            'bad-signature',
            'Unauthorized',
            'The webhook signature does not match.',
          );
        }
        const taken = await takeVerifiedWebhook(
          { ...services.app, ...services.numbering, channels: adapters },
          connection,
          webhooks,
          raw,
          headers,
        );
        // The platform only needs the 2xx; what could not be taken is for the merchant (and the next sync).
        if (taken.errors.length > 0) {
          request.log.warn(
            { channelId: connection.channelId, failure: { fields: taken.errors } },
            'webhook order not fully taken',
          );
        }
        const { errors: _errors, ...answer } = taken;
        return answer;
      },
    );
  });
}

async function findConnectionForWebhook(services: HttpServices, channelId: string) {
  const row = await services.app.db
    .selectFrom('channels')
    .select(['tenant_id'])
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return loadConnection(services.app, row.tenant_id, channelId);
}
