import { z } from 'zod';
import { vatClassSchema } from '../order/order.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';

/**
 * A connection to a shop or marketplace from which orders arrive by themselves (docs/api.md
 * "Channels"). Credentials are sealed before they reach an event (AES-256-GCM, key id inside), so
 * the immutable event log never holds a secret in the clear and the key can be rotated.
 */

export const channelTypeSchema = z.enum(['woocommerce', 'shopify', 'bol']);
export type ChannelType = z.infer<typeof channelTypeSchema>;
export const channelModeSchema = z.enum(['test', 'automatic']);
export type ChannelMode = z.infer<typeof channelModeSchema>;

export const sealedSecretSchema = z.object({
  keyId: z.string(),
  /** base64 of nonce ‖ ciphertext ‖ tag */
  sealed: z.string(),
});
export type SealedSecret = z.infer<typeof sealedSecretSchema>;

/**
 * What the platform does not say about the products: whether the shop sells goods or services, and
 * the VAT class per platform key — WooCommerce tax-class slug, bol EAN (bol names no VAT rate).
 */
export const channelCatalogSchema = z.object({
  supplyType: z.enum(['goods', 'services']).default('goods'),
  vatClasses: z.record(z.string().min(1).max(100), vatClassSchema).default({}),
});
export type ChannelCatalog = z.infer<typeof channelCatalogSchema>;

const syncRangeSchema = z.object({ changedFrom: z.iso.datetime(), changedTo: z.iso.datetime() });

// Events
export const channelEventSchemas = {
  ChannelConnected: z.object({
    tenantId: z.string(),
    channelId: z.string(),
    type: channelTypeSchema,
    name: z.string(),
    baseUrl: z.string(),
    tokenUrl: z.string().optional(),
    credentials: sealedSecretSchema,
    mode: channelModeSchema,
    pollIntervalMinutes: z.number().int(),
    catalog: channelCatalogSchema.default({ supplyType: 'goods', vatClasses: {} }),
    /** Orders changed before this are not fetched by the regular poll (a backfill can). */
    syncFrom: z.iso.datetime(),
    at: z.iso.datetime(),
  }),
  ChannelChanged: z.object({
    tenantId: z.string(),
    channelId: z.string(),
    mode: channelModeSchema.optional(),
    pollIntervalMinutes: z.number().int().optional(),
    paused: z.boolean().optional(),
    credentials: sealedSecretSchema.optional(),
    catalog: channelCatalogSchema.optional(),
    at: z.iso.datetime(),
  }),
  /** A person asked to poll now, or to backfill a range. */
  ChannelSyncRequested: z.object({
    tenantId: z.string(),
    channelId: z.string(),
    syncId: z.string(),
    range: syncRangeSchema.partial().optional(),
    requestedBy: z.string(),
    at: z.iso.datetime(),
  }),
  /** A poll or backfill fetched every order changed in the range and recorded them. */
  ChannelSynced: z.object({
    tenantId: z.string(),
    channelId: z.string(),
    syncId: z.string(),
    range: syncRangeSchema,
    ordersSeen: z.number().int(),
    ordersRecorded: z.number().int(),
    /** Orders the platform had that could not become a valid invoice (field errors per order). */
    errors: z.array(z.object({ field: z.string(), message: z.string() })).default([]),
    /** Regular polls advance the cursor; a backfill of an older range does not. */
    advancesCursor: z.boolean(),
    at: z.iso.datetime(),
  }),
  ChannelSyncFailed: z.object({
    tenantId: z.string(),
    channelId: z.string(),
    syncId: z.string(),
    reason: z.string(),
    at: z.iso.datetime(),
  }),
};
export type ChannelEvent = {
  [K in keyof typeof channelEventSchemas]: { type: K; data: z.infer<(typeof channelEventSchemas)[K]> };
}[keyof typeof channelEventSchemas];

// Commands
export type ChannelCommand =
  | {
      type: 'ConnectChannel';
      tenantId: string;
      channelId: string;
      channelType: ChannelType;
      name: string;
      baseUrl: string;
      tokenUrl?: string;
      credentials: SealedSecret;
      mode: ChannelMode;
      pollIntervalMinutes: number;
      catalog: ChannelCatalog;
      /** Orders changed from this instant on are fetched by the first poll; default: now. */
      syncFrom?: Date;
      now: Date;
    }
  | {
      type: 'ChangeChannel';
      tenantId: string;
      channelId: string;
      mode?: ChannelMode;
      pollIntervalMinutes?: number;
      paused?: boolean;
      credentials?: SealedSecret;
      catalog?: ChannelCatalog;
      now: Date;
    }
  | {
      type: 'RequestSync';
      tenantId: string;
      channelId: string;
      syncId: string;
      range?: { changedFrom?: string; changedTo?: string };
      requestedBy: string;
      now: Date;
    }
  | {
      type: 'RecordSync';
      tenantId: string;
      channelId: string;
      syncId: string;
      range: { changedFrom: string; changedTo: string };
      ordersSeen: number;
      ordersRecorded: number;
      errors: { field: string; message: string }[];
      advancesCursor: boolean;
      now: Date;
    }
  | {
      type: 'RecordSyncFailure';
      tenantId: string;
      channelId: string;
      syncId: string;
      reason: string;
      now: Date;
    };

// State
export interface ChannelConnection {
  readonly tenantId: string;
  readonly channelId: string;
  readonly type: ChannelType;
  readonly name: string;
  readonly baseUrl: string;
  readonly tokenUrl?: string;
  readonly credentials: SealedSecret;
  readonly mode: ChannelMode;
  readonly pollIntervalMinutes: number;
  readonly catalog: ChannelCatalog;
  readonly paused: boolean;
  /** Every order changed before this instant has been recorded (the poll's cursor). */
  readonly cursor: string;
  readonly lastSyncAt?: string;
  /** Set while syncing fails; cleared by the next successful sync. */
  readonly lastError?: string;
}
export type ChannelState = { status: 'none' } | ({ status: 'connected' } & ChannelConnection);

export const channelDecider: Decider<ChannelCommand, ChannelEvent, ChannelState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    const at = command.now.toISOString();
    switch (command.type) {
      case 'ConnectChannel': {
        if (state.status !== 'none') throw new ConflictError(`Channel ${command.channelId} already exists`);
        const { channelType, now: _now, type: _type, syncFrom, ...rest } = command;
        const from = (syncFrom ?? command.now).toISOString();
        return [{ type: 'ChannelConnected', data: { ...rest, type: channelType, syncFrom: from, at } }];
      }
      case 'ChangeChannel': {
        if (state.status === 'none') throw new NotFoundError(`Channel ${command.channelId} not found`);
        const changes = {
          ...(command.mode !== undefined && command.mode !== state.mode ? { mode: command.mode } : {}),
          ...(command.pollIntervalMinutes !== undefined &&
          command.pollIntervalMinutes !== state.pollIntervalMinutes
            ? { pollIntervalMinutes: command.pollIntervalMinutes }
            : {}),
          ...(command.paused !== undefined && command.paused !== state.paused
            ? { paused: command.paused }
            : {}),
          ...(command.credentials === undefined ? {} : { credentials: command.credentials }),
          ...(command.catalog === undefined ? {} : { catalog: command.catalog }),
        };
        if (Object.keys(changes).length === 0) return [];
        return [
          {
            type: 'ChannelChanged',
            data: { tenantId: command.tenantId, channelId: command.channelId, ...changes, at },
          },
        ];
      }
      case 'RequestSync': {
        if (state.status === 'none') throw new NotFoundError(`Channel ${command.channelId} not found`);
        const { now: _now, type: _type, ...request } = command;
        return [{ type: 'ChannelSyncRequested', data: { ...request, at } }];
      }
      case 'RecordSync':
        if (state.status === 'none') throw new NotFoundError(`Channel ${command.channelId} not found`);
        return [
          {
            type: 'ChannelSynced',
            data: {
              tenantId: command.tenantId,
              channelId: command.channelId,
              syncId: command.syncId,
              range: command.range,
              ordersSeen: command.ordersSeen,
              ordersRecorded: command.ordersRecorded,
              errors: command.errors,
              advancesCursor: command.advancesCursor,
              at,
            },
          },
        ];
      case 'RecordSyncFailure':
        if (state.status === 'none') throw new NotFoundError(`Channel ${command.channelId} not found`);
        return [
          {
            type: 'ChannelSyncFailed',
            data: {
              tenantId: command.tenantId,
              channelId: command.channelId,
              syncId: command.syncId,
              reason: command.reason,
              at,
            },
          },
        ];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ChannelConnected': {
        const { at: _at, syncFrom, ...connection } = event.data;
        return { status: 'connected', ...connection, paused: false, cursor: syncFrom };
      }
      case 'ChannelChanged': {
        if (state.status === 'none') return state;
        const { at: _at, tenantId: _t, channelId: _c, ...changes } = event.data;
        return { ...state, ...changes };
      }
      case 'ChannelSynced': {
        if (state.status === 'none') return state;
        const advanced =
          event.data.advancesCursor && event.data.range.changedTo > state.cursor
            ? event.data.range.changedTo
            : state.cursor;
        const { lastError: _cleared, ...rest } = state;
        return { ...rest, cursor: advanced, lastSyncAt: event.data.at };
      }
      case 'ChannelSyncRequested':
        return state;
      case 'ChannelSyncFailed':
        return state.status === 'none' ? state : { ...state, lastError: event.data.reason };
      default:
        return assertNever(event);
    }
  },
};
