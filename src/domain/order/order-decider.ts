import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
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
  | { status: 'received'; order: Order }
  | { status: 'needs_attention'; order: Order; reason: string };

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
      case 'OrderNeedsAttention':
        return state.status === 'none'
          ? state
          : { status: 'needs_attention', order: state.order, reason: event.data.reason };
      default:
        return assertNever(event);
    }
  },
};
