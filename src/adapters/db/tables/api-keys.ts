import type { Selectable } from 'kysely';

/** API keys by SHA-256 hash; the plain key is shown once and never stored. */
export interface ApiKeysTable {
  key_hash: string;
  key_id: string;
  tenant_id: string;
  role: 'merchant' | 'accountant';
  created_at: Date;
  revoked_at: Date | null;
}
export type ApiKeyRow = Selectable<ApiKeysTable>;
