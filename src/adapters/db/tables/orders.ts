import type { Selectable } from 'kysely';

export type OrderStatus = 'received' | 'invoicing' | 'invoiced' | 'held' | 'needs_attention' | 'cancelled';

/** Read model of orders; `seq` (the global position of OrderReceived) orders the list and its cursor. */
export interface OrdersTable {
  tenant_id: string;
  order_id: string;
  seq: string;
  external_id: string;
  channel: string;
  /** The channel connection the order came from; null for orders posted to the API. */
  channel_id: string | null;
  status: OrderStatus;
  status_reason: string | null;
  invoice_id: string | null;
  ordered_at: string;
  currency: string;
  customer_name: string;
  order: unknown;
}
export type OrderRow = Selectable<OrdersTable>;
