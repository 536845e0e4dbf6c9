import type { Db } from '../../adapters/db/database.js';
import type { ApiKeyRow } from '../../adapters/db/tables/api-keys.js';

export type ApiKeyListing = Pick<ApiKeyRow, 'key_id' | 'role' | 'created_at' | 'revoked_at'>;

/** A tenant's keys, oldest first, revoked ones included: who had access, and until when. */
export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyListing[]> {
  return db
    .selectFrom('api_keys')
    .select(['key_id', 'role', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('key_id')
    .execute();
}
