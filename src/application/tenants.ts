import { NotFoundError } from '../domain/shared/errors.js';
import { deterministicId } from '../domain/shared/ids.js';
import { tenantStream } from '../domain/streams.js';
import type { SellerSettings } from '../domain/tenant/seller-settings.js';
import { type ApiKeyRole, tenantDecider } from '../domain/tenant/tenant.js';
import { generateApiKey, hashApiKey } from './api-keys.js';
import { handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';

export async function createTenant(deps: AppDependencies, input: { name: string; apiKey?: string }) {
  const tenantId = deps.ids.newId();
  await handleCommand(
    deps.eventStore,
    tenantStream(tenantId),
    tenantDecider,
    { type: 'CreateTenant', tenantId, name: input.name, now: deps.clock.now() },
    { commandId: 'create', metadata: { tenantId } },
  );
  const { apiKey } = await issueApiKey(deps, tenantId, 'merchant', input.apiKey);
  return { tenantId, apiKey };
}

/**
 * The key is recorded as an event (audit trail) and, so it works at once, written straight into
 * the api_keys table that the projection also maintains (the projection tolerates the row).
 */
export async function issueApiKey(
  deps: AppDependencies,
  tenantId: string,
  role: ApiKeyRole,
  presetKey?: string,
) {
  const apiKey = presetKey ?? generateApiKey();
  const keyHash = hashApiKey(apiKey);
  const keyId = deterministicId('api-key', keyHash);
  const now = deps.clock.now();
  await handleCommand(
    deps.eventStore,
    tenantStream(tenantId),
    tenantDecider,
    { type: 'IssueApiKey', tenantId, keyId, keyHash, role, now },
    { commandId: `api-key-${keyId}`, metadata: { tenantId } },
  );
  await deps.db
    .insertInto('api_keys')
    .values({ key_hash: keyHash, key_id: keyId, tenant_id: tenantId, role, created_at: now })
    .onConflict((c) => c.column('key_hash').doNothing())
    .execute();
  return { keyId, apiKey, role };
}

/**
 * Recorded as an event (who revoked it, when) and applied to the api_keys table at once, so the key
 * stops working with the next request on every API process.
 */
export async function revokeApiKey(
  deps: AppDependencies,
  tenantId: string,
  keyId: string,
  revokedBy: string,
): Promise<void> {
  const now = deps.clock.now();
  const { newEvents } = await handleCommand(
    deps.eventStore,
    tenantStream(tenantId),
    tenantDecider,
    { type: 'RevokeApiKey', tenantId, keyId, revokedBy, now },
    { commandId: `revoke-api-key-${keyId}`, metadata: { tenantId } },
  );
  const revoked = newEvents.find((event) => event.type === 'ApiKeyRevoked');
  await deps.db
    .updateTable('api_keys')
    .set({ revoked_at: revoked === undefined ? now : new Date(revoked.data.revokedAt) })
    .where('key_id', '=', keyId)
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function updateSellerSettings(
  deps: AppDependencies,
  tenantId: string,
  settings: SellerSettings,
) {
  const numbered = await deps.db
    .selectFrom('invoices')
    .select('invoice_id')
    .where('tenant_id', '=', tenantId)
    .limit(1)
    .executeTakeFirst();
  const { state } = await handleCommand(
    deps.eventStore,
    tenantStream(tenantId),
    tenantDecider,
    {
      type: 'UpdateSellerSettings',
      tenantId,
      settings,
      numberingInUse: numbered !== undefined,
      now: deps.clock.now(),
    },
    { commandId: `settings-${deterministicId(JSON.stringify(settings))}`, metadata: { tenantId } },
  );
  return state.status === 'active' ? state.settings : undefined;
}

export async function getTenant(deps: Pick<AppDependencies, 'eventStore'>, tenantId: string) {
  const { state } = await loadState(deps.eventStore, tenantStream(tenantId), tenantDecider);
  if (state.status !== 'active') throw new NotFoundError(`Tenant ${tenantId} not found`);
  return state;
}

export async function getSellerSettings(
  deps: Pick<AppDependencies, 'eventStore'>,
  tenantId: string,
): Promise<SellerSettings | undefined> {
  return (await getTenant(deps, tenantId)).settings;
}
