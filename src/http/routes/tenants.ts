import { z } from 'zod';
import { releaseOrdersParkedAtIssue } from '../../application/orders.js';
import {
  createTenant,
  getSellerSettings,
  issueApiKey,
  revokeApiKey,
  updateSellerSettings,
} from '../../application/tenants.js';
import { type SellerSettings, sellerSettingsSchema } from '../../domain/tenant/seller-settings.js';
import { apiKeyRoleSchema } from '../../domain/tenant/tenant.js';
import { hasValidCheckDigits } from '../../domain/vat/vat-id/vat-id.js';
import { listApiKeys } from '../../projections/api-keys/api-key-queries.js';
import { type Auth, principalOf } from '../auth.js';
import { BODY_LIMITS } from '../body-limits.js';
import type { FastifyZodApp } from '../fastify-zod.js';
import { notFound, problemSchema } from '../problem.js';
import type { HttpServices } from '../services.js';

const sellerSettingsResponse = sellerSettingsSchema.extend({
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
});

/**
 * A VAT ID whose check digits do not match is stored (the documented example IDs are such numbers,
 * and clients rely on them) but reported, so the merchant can correct what goes on every invoice.
 */
function withWarnings(settings: SellerSettings) {
  const warnings = hasValidCheckDigits(settings.vatId)
    ? []
    : [{ field: 'vatId', message: 'the check digits of this VAT ID do not match; please verify it' }];
  return { ...settings, warnings };
}

export function tenantRoutes(app: FastifyZodApp, services: HttpServices, auth: Auth): void {
  app.post(
    '/v1/tenants',
    {
      onRequest: auth.admin,
      schema: {
        tags: ['tenants'],
        summary: 'Create a tenant (operator key); answers its first merchant API key, shown once',
        security: [{ bearer: [] }],
        body: z.object({ name: z.string().min(1).max(200) }),
        response: {
          201: z.object({ id: z.string(), apiKey: z.string() }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { tenantId, apiKey } = await createTenant(services.app, { name: request.body.name });
      return reply.code(201).send({ id: tenantId, apiKey });
    },
  );

  app.post(
    '/v1/api-keys',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['tenants'],
        summary: 'Issue another API key for this tenant (e.g. read-only for the accountant)',
        security: [{ bearer: [] }],
        body: z.object({ role: apiKeyRoleSchema }),
        response: {
          201: z.object({ id: z.string(), apiKey: z.string(), role: apiKeyRoleSchema }),
          400: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const issued = await issueApiKey(services.app, principalOf(request).tenantId, request.body.role);
      return reply.code(201).send({ id: issued.keyId, apiKey: issued.apiKey, role: issued.role });
    },
  );

  app.get(
    '/v1/api-keys',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['tenants'],
        summary: "This tenant's API keys, revoked ones included (never the key itself)",
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                role: apiKeyRoleSchema,
                createdAt: z.string(),
                revokedAt: z.string().nullable(),
                current: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const keys = await listApiKeys(services.app.db, principal.tenantId);
      return {
        items: keys.map((key) => ({
          id: key.key_id,
          role: key.role,
          createdAt: key.created_at.toISOString(),
          revokedAt: key.revoked_at?.toISOString() ?? null,
          current: key.key_id === principal.keyId,
        })),
      };
    },
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      onRequest: auth.merchant,
      schema: {
        tags: ['tenants'],
        summary: 'Revoke an API key: it stops working with the next request',
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await revokeApiKey(services.app, principal.tenantId, request.params.id, principal.keyId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/v1/settings/seller',
    {
      onRequest: auth.merchant,
      bodyLimit: BODY_LIMITS.sellerSettings,
      schema: {
        tags: ['settings'],
        summary: 'Set what goes on every invoice: seller identity, address, VAT ID, KvK, IBAN',
        security: [{ bearer: [] }],
        body: sellerSettingsSchema,
        response: { 200: sellerSettingsResponse, 400: problemSchema },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const saved = await updateSellerSettings(services.app, tenantId, request.body);
      await releaseOrdersParkedAtIssue(services.app, tenantId, 'system:seller-settings-updated');
      return withWarnings(saved ?? request.body);
    },
  );

  app.get(
    '/v1/settings/seller',
    {
      onRequest: auth.reader,
      schema: {
        tags: ['settings'],
        security: [{ bearer: [] }],
        response: { 200: sellerSettingsResponse, 404: problemSchema },
      },
    },
    async (request) => {
      const settings = await getSellerSettings(services.app, principalOf(request).tenantId);
      if (settings === undefined) throw notFound('No seller settings yet: PUT /v1/settings/seller first.');
      return withWarnings(settings);
    },
  );
}
