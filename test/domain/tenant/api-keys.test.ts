import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/domain/shared/decider.js';
import { ConflictError, NotFoundError } from '../../../src/domain/shared/errors.js';
import { type TenantCommand, type TenantEvent, tenantDecider } from '../../../src/domain/tenant/tenant.js';

const now = new Date('2026-12-02T09:00:00Z');
const tenantId = 'tenant-1';
const issue = (keyId: string, role: 'merchant' | 'accountant'): TenantCommand => ({
  type: 'IssueApiKey',
  tenantId,
  keyId,
  keyHash: `hash-${keyId}`,
  role,
  now,
});
const revoke = (keyId: string, revokedBy = 'k1'): TenantCommand => ({
  type: 'RevokeApiKey',
  tenantId,
  keyId,
  revokedBy,
  now,
});

/** Runs the commands in order, feeding each one's events into the state of the next. */
function given(commands: readonly TenantCommand[]) {
  const events: TenantEvent[] = [];
  for (const command of commands) {
    events.push(...tenantDecider.decide(command, fold(tenantDecider, events)));
  }
  return { events, state: fold(tenantDecider, events) };
}

describe('tenant: API keys are issued and revoked', () => {
  const created: TenantCommand = { type: 'CreateTenant', tenantId, name: 'Shop', now };

  it('records who revoked a key and when, and keeps it in the state as revoked', () => {
    const { events, state } = given([
      created,
      issue('k1', 'merchant'),
      issue('k2', 'accountant'),
      revoke('k2'),
    ]);
    expect(events.at(-1)).toEqual({
      type: 'ApiKeyRevoked',
      data: { tenantId, keyId: 'k2', revokedBy: 'k1', revokedAt: '2026-12-02T09:00:00.000Z' },
    });
    expect(state.status === 'active' && state.apiKeys).toEqual({
      k1: { role: 'merchant', revoked: false },
      k2: { role: 'accountant', revoked: true },
    });
  });

  it('revokes a key once: a second revocation records nothing', () => {
    const { state } = given([created, issue('k1', 'merchant'), issue('k2', 'accountant'), revoke('k2')]);
    expect(tenantDecider.decide(revoke('k2'), state)).toEqual([]);
  });

  it("refuses a key the tenant does not have (another tenant's key is unknown here)", () => {
    const { state } = given([created, issue('k1', 'merchant')]);
    expect(() => tenantDecider.decide(revoke('other-tenants-key'), state)).toThrow(NotFoundError);
  });

  it('keeps the last merchant key: without it nobody could manage the tenant', () => {
    const { state } = given([created, issue('k1', 'merchant'), issue('k2', 'accountant')]);
    expect(() => tenantDecider.decide(revoke('k1'), state)).toThrow(ConflictError);
    const withSecond = given([created, issue('k1', 'merchant'), issue('k3', 'merchant')]).state;
    expect(tenantDecider.decide(revoke('k1', 'k3'), withSecond)).toHaveLength(1);
    const afterwards = given([
      created,
      issue('k1', 'merchant'),
      issue('k3', 'merchant'),
      revoke('k1', 'k3'),
    ]).state;
    expect(() => tenantDecider.decide(revoke('k3', 'k3'), afterwards)).toThrow(ConflictError);
  });
});
