import { z } from 'zod';
import { vatIdVerificationSchema } from '../invoice/invoice-document.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
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
  /**
   * Invoicing waits: for something outside our control (e.g. VIES down), retried automatically, or
   * — `awaitsPerson` — for a person's release (an order of a channel in test mode).
   */
  OrderHeld: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    reason: z.string(),
    awaitsPerson: z.boolean().optional(),
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
  /** A person asked to run a held or parked order again, with today's settings. */
  OrderRetryRequested: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    requestedBy: z.string(),
    /** The status it was released from, and why it was there. */
    previousStatus: z.enum(['held', 'needs_attention']),
    previousReason: z.string().optional(),
    at: z.iso.datetime(),
  }),
  /**
   * A person decided how to treat a buyer's VAT ID that cannot be verified (VIES down for long):
   * `charge_as_consumer` invoices with the VAT a consumer pays, which is never wrong towards the
   * tax authority; the buyer can ask for a credit note and a zero-rated invoice once verified.
   */
  OrderVatIdDecided: z.object({
    tenantId: z.string(),
    orderId: z.string(),
    vatId: z.string(),
    decision: z.literal('charge_as_consumer'),
    decidedBy: z.string(),
    at: z.iso.datetime(),
  }),
};
export type OrderEvent = {
  [K in keyof typeof orderEventSchemas]: { type: K; data: z.infer<(typeof orderEventSchemas)[K]> };
}[keyof typeof orderEventSchemas];

// Commands
export type OrderCommand =
  | {
      type: 'ReceiveOrder';
      tenantId: string;
      orderId: string;
      order: Order;
      /**
       * The same order id with other content: `refuse` (the API: a client sent two orders under one
       * id) or `keep` (a channel: the platform changed the order after it was invoiced; corrections
       * arrive as refunds, and the invoice stays as issued).
       */
      onChangedContent?: 'refuse' | 'keep';
      /** Received, but not to be invoiced before a person releases it (test mode), and why. */
      holdForPerson?: string;
      now: Date;
    }
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
    }
  | { type: 'RequestOrderRetry'; tenantId: string; orderId: string; requestedBy: string; now: Date }
  | {
      type: 'DecideVatId';
      tenantId: string;
      orderId: string;
      decision: 'charge_as_consumer';
      decidedBy: string;
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
      /** A person's decision on an unverifiable buyer VAT ID. */
      vatIdDecision?: 'charge_as_consumer';
      /** How often a person released it: tells apart the outcomes of each run. */
      retries: number;
      /** Held until a person releases it (not retried by itself). */
      awaitsPerson?: boolean;
    };

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'ReceiveOrder':
        // Invariant 3: one order per (tenant, channel, externalId); a duplicate delivery changes nothing,
        // but a different order under a known id is refused rather than silently dropped.
        if (state.status !== 'none') {
          if (
            command.onChangedContent === 'keep' ||
            JSON.stringify(state.order) === JSON.stringify(command.order)
          ) {
            return [];
          }
          throw new ConflictError(
            `Order ${command.order.externalId} of channel ${command.order.channel} was already received ` +
              `(id ${command.orderId}) with different content; it is not changed. ` +
              'Correct an invoiced order with a credit note, or send the new order under its own externalId.',
          );
        }
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
          // In the same append: no workflow can see the order before it sees the hold.
          ...(command.holdForPerson === undefined
            ? []
            : [
                {
                  type: 'OrderHeld' as const,
                  data: {
                    tenantId: command.tenantId,
                    orderId: command.orderId,
                    reason: command.holdForPerson,
                    awaitsPerson: true,
                    at: command.now.toISOString(),
                  },
                },
              ]),
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
      case 'RequestOrderRetry':
        if (state.status === 'none') throw new NotFoundError(`Order ${command.orderId} not found`);
        if (state.status !== 'held' && state.status !== 'needs_attention') {
          throw new ConflictError(
            `Order ${command.orderId} is neither held nor waiting for attention; there is nothing to retry`,
          );
        }
        return [
          {
            type: 'OrderRetryRequested',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              requestedBy: command.requestedBy,
              previousStatus: state.status,
              ...(state.reason === undefined ? {} : { previousReason: state.reason }),
              at: command.now.toISOString(),
            },
          },
        ];
      case 'DecideVatId': {
        if (state.status === 'none') throw new NotFoundError(`Order ${command.orderId} not found`);
        const vatId = state.order.customer.vatId;
        if (
          state.status !== 'held' ||
          state.awaitsPerson === true ||
          vatId === undefined ||
          state.buyerVatId?.valid === true
        ) {
          throw new ConflictError(
            `Order ${command.orderId} is not held for an unverifiable VAT ID; there is nothing to decide`,
          );
        }
        return [
          {
            type: 'OrderVatIdDecided',
            data: {
              tenantId: command.tenantId,
              orderId: command.orderId,
              vatId,
              decision: command.decision,
              decidedBy: command.decidedBy,
              at: command.now.toISOString(),
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
      case 'OrderReceived':
        return { status: 'received', order: event.data.order, retries: 0 };
      case 'BuyerVatIdVerified':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: state.status === 'held' ? 'received' : state.status,
              buyerVatId: event.data.verification,
            };
      case 'OrderHeld':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: 'held',
              reason: event.data.reason,
              ...(event.data.awaitsPerson === true ? { awaitsPerson: true } : {}),
            };
      case 'OrderNeedsAttention':
        return state.status === 'none'
          ? state
          : { ...state, status: 'needs_attention', reason: event.data.reason };
      case 'OrderRetryRequested':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: 'received',
              reason: undefined,
              awaitsPerson: false,
              retries: state.retries + 1,
            };
      case 'OrderVatIdDecided':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: 'received',
              reason: undefined,
              vatIdDecision: event.data.decision,
              retries: state.retries + 1,
            };
      default:
        return assertNever(event);
    }
  },
};
