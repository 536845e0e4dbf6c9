import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../adapters/db/database.js';
import type { ApiKeyRole } from '../domain/tenant/tenant.js';

/** 32 random bytes; the prefix makes leaked keys easy to recognise in logs and secret scanners. */
export const generateApiKey = (): string => `afk_${randomBytes(32).toString('base64url')}`;

export const hashApiKey = (apiKey: string): string => createHash('sha256').update(apiKey).digest('hex');

export interface Principal {
  readonly tenantId: string;
  readonly role: ApiKeyRole;
  /** The key's public id: who did it, in events that record a person's decision. */
  readonly keyId: string;
}

export async function authenticate(db: Db, apiKey: string): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select(['tenant_id', 'role', 'key_id'])
    .where('key_hash', '=', hashApiKey(apiKey))
    .executeTakeFirst();
  return row === undefined ? undefined : { tenantId: row.tenant_id, role: row.role, keyId: row.key_id };
}
