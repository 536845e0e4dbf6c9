import type { Selectable } from 'kysely';

/** Answers remembered per (tenant, Idempotency-Key) so a repeated request gets the same answer. */
export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  created_at: Date;
}
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
