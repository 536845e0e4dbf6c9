import { z } from 'zod';
import { vatIdVerificationSchema } from '../invoice/invoice-document.js';
import { assertNever, type Decider } from '../shared/decider.js';
import type { VatIdVerification } from '../vat/vat-id/vat-id-verifier.js';
import { type Order, orderSchema } from './order.js';

// Events
const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

export const orderEventSchemas = {
  OrderReceived: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    order: orderSchema,
    receivedAt: z.iso.datetime(),
  }),
  /** The buyer's VAT ID was checked (check digits, VIES); the VAT treatment relies on this record. */
  BuyerVatIdVerified: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    verification: vatIdVerificationSchema,
  }),
  /** Invoicing waits for something outside our control (e.g. VIES down) and is retried automatically. */
  OrderHeld: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    reason: z.string(),
    at: z.iso.datetime(),
  }),
  /** A step failed for good (invalid data, unsupported situation): a person must look. */
  OrderNeedsAttention: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    reason: z.string(),
    errors: z.array(fieldErrorSchema),
    at: z.iso.datetime(),
  }),
};
export type OrderEvent = {
  [K in keyof typeof orderEventSchemas]: { type: K; data: z.infer<(typeof orderEventSchemas)[K]> };
}[keyof typeof orderEventSchemas];

// Commands
export type OrderCommand =
  | { type: 'ReceiveOrder'; tenantId: string; orderId: string; order: Order; now: Date }
  | {
      type: 'RecordBuyerVatIdVerification';
      tenantId: string;
      orderId: string;
      verification: VatIdVerification;
    }
  | { type: 'HoldOrder'; tenantId: string; orderId: string; reason: string; now: Date }
  | {
      type: 'FlagOrderNeedsAttention';
      tenantId: string;
      orderId: string;
      reason: string;
      errors: { field: string; message: string }[];
      now: Date;
    };

// State
export type OrderState =
  | { status: 'none' }
  | {
      status: 'received' | 'held' | 'needs_attention';
      order: Order;
      reason?: string;
      buyerVatId?: VatIdVerification;
    };

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'ReceiveOrder':
        // Invariant 3: one order per (tenant, channel, externalId); a duplicate delivery changes nothing.
        if (state.status !== 'none') return [];
        return [
          {
            type: 'OrderReceived',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              order: command.order,
              receivedAt: command.now.toISOString(),
            },
          },
        ];
      case 'RecordBuyerVatIdVerification':
        if (state.status === 'none') throw new Error(`Order ${command.orderId} was never received`);
        if (state.buyerVatId?.vatId === command.verification.vatId) return [];
        return [
          {
            type: 'BuyerVatIdVerified',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              verification: command.verification,
            },
          },
        ];
      case 'HoldOrder':
        if (state.status === 'none') throw new Error(`Order ${command.orderId} was never received`);
        if (state.status === 'held' && state.reason === command.reason) return [];
        return [
          {
            type: 'OrderHeld',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              reason: command.reason,
              at: command.now.toISOString(),
            },
          },
        ];
      case 'FlagOrderNeedsAttention':
        if (state.status === 'none') throw new Error(`Order ${command.orderId} was never received`);
        if (state.status === 'needs_attention' && state.reason === command.reason) return [];
        return [
          {
            type: 'OrderNeedsAttention',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              reason: command.reason,
              errors: command.errors,
              at: command.now.toISOString(),
            },
          },
        ];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrderReceived':
        return { status: 'received', order: event.data.order };
      case 'BuyerVatIdVerified':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: state.status === 'held' ? 'received' : state.status,
              buyerVatId: event.data.verification,
            };
      case 'OrderHeld':
        return state.status === 'none' ? state : { ...state, status: 'held', reason: event.data.reason };
      case 'OrderNeedsAttention':
        return state.status === 'none'
          ? state
          : { ...state, status: 'needs_attention', reason: event.data.reason };
      default:
        return assertNever(event);
    }
  },
};
