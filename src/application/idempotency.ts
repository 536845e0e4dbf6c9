import { createHash } from 'node:crypto';
import type { Db } from '../adapters/db/database.js';
import { ConflictError } from '../domain/shared/errors.js';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export const requestHash = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Idempotency-Key semantics (as Stripe and the IETF draft): same key + same body → the stored
 * answer; same key + other body → conflict; a request still in flight with that key → conflict.
 */
export async function withIdempotencyKey(
  db: Db,
  scope: { tenantId: string; key: string; hash: string; now: Date },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: scope.tenantId,
      key: scope.key,
      request_hash: scope.hash,
      response_status: null,
      response_body: null,
      created_at: scope.now,
    })
    .onConflict((c) => c.columns(['tenant_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed === undefined) {
    const stored = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response_status', 'response_body'])
      .where('tenant_id', '=', scope.tenantId)
      .where('key', '=', scope.key)
      .executeTakeFirstOrThrow();
    if (stored.request_hash !== scope.hash) {
      throw new ConflictError('This Idempotency-Key was already used with a different request body.');
    }
    if (stored.response_status === null) {
      throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.');
    }
    return { status: stored.response_status, body: stored.response_body };
  }
  try {
    const response = await run();
    await db
      .updateTable('idempotency_keys')
      .set({ response_status: response.status, response_body: JSON.stringify(response.body) })
      .where('tenant_id', '=', scope.tenantId)
      .where('key', '=', scope.key)
      .execute();
    return response;
  } catch (error) {
    await db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', scope.tenantId)
      .where('key', '=', scope.key)
      .execute();
    throw error;
  }
}
