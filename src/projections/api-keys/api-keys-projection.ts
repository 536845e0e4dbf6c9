import type { Projection } from '../projection.js';

/** API keys by hash. The API inserts the row itself when it issues a key, so it may already exist. */
export const apiKeysProjection: Projection = {
  name: 'api-keys',
  tables: ['api_keys'],
  async apply(trx, event) {
    if (event.type !== 'ApiKeyIssued') return;
    const { keyHash, keyId, tenantId, role, issuedAt } = event.data;
    await trx
      .insertInto('api_keys')
      .values({ key_hash: keyHash, key_id: keyId, tenant_id: tenantId, role, created_at: new Date(issuedAt) })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
  },
};
