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

/**
 * The key is looked up by its SHA-256 hash, so no comparison ever runs over the secret itself: the
 * time a lookup takes says nothing about how much of a guessed key was right.
 */
export async function authenticate(db: Db, apiKey: string): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select(['tenant_id', 'role', 'key_id'])
    .where('key_hash', '=', hashApiKey(apiKey))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : { tenantId: row.tenant_id, role: row.role, keyId: row.key_id };
}
