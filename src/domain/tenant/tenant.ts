import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { type SellerSettings, sellerSettingsSchema } from './seller-settings.js';

// Events
export const apiKeyRoleSchema = z.enum(['merchant', 'accountant']);
export type ApiKeyRole = z.infer<typeof apiKeyRoleSchema>;

export const tenantEventSchemas = {
  TenantCreated: z.object({ tenantId: z.string(), name: z.string(), createdAt: z.iso.datetime() }),
  SellerSettingsUpdated: z.object({
    tenantId: z.string(),
    settings: sellerSettingsSchema,
    updatedAt: z.iso.datetime(),
  }),
  ApiKeyIssued: z.object({
    tenantId: z.string(),
    keyId: z.string(),
    keyHash: z.string(),
    role: apiKeyRoleSchema,
    issuedAt: z.iso.datetime(),
  }),
  ApiKeyRevoked: z.object({
    tenantId: z.string(),
    keyId: z.string(),
    /** The key that revoked it (a key may revoke itself). */
    revokedBy: z.string(),
    revokedAt: z.iso.datetime(),
  }),
};
export type TenantEvent = {
  [K in keyof typeof tenantEventSchemas]: { type: K; data: z.infer<(typeof tenantEventSchemas)[K]> };
}[keyof typeof tenantEventSchemas];

// Commands
export type TenantCommand =
  | { type: 'CreateTenant'; tenantId: string; name: string; now: Date }
  | {
      type: 'UpdateSellerSettings';
      tenantId: string;
      settings: SellerSettings;
      /** Documents were numbered already: changing the numbering could print a number twice. */
      numberingInUse: boolean;
      now: Date;
    }
  | { type: 'IssueApiKey'; tenantId: string; keyId: string; keyHash: string; role: ApiKeyRole; now: Date }
  | { type: 'RevokeApiKey'; tenantId: string; keyId: string; revokedBy: string; now: Date };

export interface ApiKeyState {
  readonly role: ApiKeyRole;
  readonly revoked: boolean;
}

// State
export type TenantState =
  | { status: 'none' }
  | {
      status: 'active';
      tenantId: string;
      name: string;
      settings: SellerSettings | undefined;
      apiKeys: Readonly<Record<string, ApiKeyState>>;
    };

const activeMerchantKeys = (keys: Readonly<Record<string, ApiKeyState>>) =>
  Object.values(keys).filter((key) => key.role === 'merchant' && !key.revoked).length;

export const tenantDecider: Decider<TenantCommand, TenantEvent, TenantState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'CreateTenant':
        if (state.status === 'active') throw new ConflictError(`Tenant ${command.tenantId} already exists`);
        return [
          {
            type: 'TenantCreated',
            data: { tenantId: command.tenantId, name: command.name, createdAt: command.now.toISOString() },
          },
        ];
      case 'UpdateSellerSettings':
        if (state.status !== 'active') throw new NotFoundError(`Tenant ${command.tenantId} not found`);
        if (JSON.stringify(state.settings) === JSON.stringify(command.settings)) return [];
        if (
          command.numberingInUse &&
          state.settings !== undefined &&
          JSON.stringify(state.settings.numbering) !== JSON.stringify(command.settings.numbering)
        ) {
          throw new ValidationError('The numbering cannot change once documents have been numbered', [
            {
              field: 'numbering',
              message: 'is in use: invoices or credit notes were already numbered with it',
            },
          ]);
        }
        return [
          {
            type: 'SellerSettingsUpdated',
            data: {
              tenantId: command.tenantId,
              settings: command.settings,
              updatedAt: command.now.toISOString(),
            },
          },
        ];
      case 'IssueApiKey':
        if (state.status !== 'active') throw new NotFoundError(`Tenant ${command.tenantId} not found`);
        return [
          {
            type: 'ApiKeyIssued',
            data: {
              tenantId: command.tenantId,
              keyId: command.keyId,
              keyHash: command.keyHash,
              role: command.role,
              issuedAt: command.now.toISOString(),
            },
          },
        ];
      case 'RevokeApiKey': {
        if (state.status !== 'active') throw new NotFoundError(`Tenant ${command.tenantId} not found`);
        const key = state.apiKeys[command.keyId];
        if (key === undefined) throw new NotFoundError(`API key ${command.keyId} not found`);
        if (key.revoked) return [];
        // Without a merchant key nobody could manage the tenant any more (the operator cannot issue keys).
        if (key.role === 'merchant' && activeMerchantKeys(state.apiKeys) === 1) {
          throw new ConflictError(
            'This is the last merchant key of the tenant; issue another merchant key before revoking it',
          );
        }
        return [
          {
            type: 'ApiKeyRevoked',
            data: {
              tenantId: command.tenantId,
              keyId: command.keyId,
              revokedBy: command.revokedBy,
              revokedAt: command.now.toISOString(),
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TenantCreated':
        return {
          status: 'active',
          tenantId: event.data.tenantId,
          name: event.data.name,
          settings: undefined,
          apiKeys: {},
        };
      case 'SellerSettingsUpdated':
        return state.status === 'active' ? { ...state, settings: event.data.settings } : state;
      case 'ApiKeyIssued':
        if (state.status !== 'active') return state;
        return {
          ...state,
          apiKeys: { ...state.apiKeys, [event.data.keyId]: { role: event.data.role, revoked: false } },
        };
      case 'ApiKeyRevoked': {
        const key = state.status === 'active' ? state.apiKeys[event.data.keyId] : undefined;
        if (state.status !== 'active' || key === undefined) return state;
        return { ...state, apiKeys: { ...state.apiKeys, [event.data.keyId]: { ...key, revoked: true } } };
      }
      default:
        return assertNever(event);
    }
  },
};
