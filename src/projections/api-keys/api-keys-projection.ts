import type { Projection } from '../projection.js';

/**
 * API keys by hash. The API writes the row itself when it issues or revokes a key, so that takes
 * effect at once; the projection then finds the row as it should be and agrees.
 */
export const apiKeysProjection: Projection = {
  name: 'api-keys',
  tables: ['api_keys'],
  async apply(trx, event) {
    if (event.type === 'ApiKeyIssued') {
      const { keyHash, keyId, tenantId, role, issuedAt } = event.data;
      await trx
        .insertInto('api_keys')
        .values({
          key_hash: keyHash,
          key_id: keyId,
          tenant_id: tenantId,
          role,
          created_at: new Date(issuedAt),
        })
        .onConflict((oc) => oc.column('key_hash').doNothing())
        .execute();
    }
    if (event.type === 'ApiKeyRevoked') {
      await trx
        .updateTable('api_keys')
        .set({ revoked_at: new Date(event.data.revokedAt) })
        .where('key_id', '=', event.data.keyId)
        .where('tenant_id', '=', event.data.tenantId)
        .execute();
    }
  },
};
