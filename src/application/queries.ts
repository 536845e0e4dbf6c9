import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { InvoiceStatus } from '../adapters/db/tables/invoices.js';
import type { OrderStatus } from '../adapters/db/tables/orders.js';
import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import { decodeCursor, encodeCursor, type Page } from './cursor.js';

export interface OrderView {
  readonly id: string;
  readonly externalId: string;
  readonly channel: string;
  readonly channelId: string | null;
  readonly status: OrderStatus;
  readonly reason: string | null;
  readonly invoiceId: string | null;
  readonly orderedAt: string;
  readonly currency: string;
  readonly customerName: string;
}

export interface InvoiceView {
  readonly id: string;
  readonly seq: string;
  readonly status: InvoiceStatus;
  readonly reason: string | null;
  readonly document: InvoiceDocument;
  readonly pdfSha256: string | null;
  readonly ublSha256: string | null;
}

const orderColumns = [
  'order_id',
  sql<string>`seq::text`.as('seq'),
  'external_id',
  'channel',
  'channel_id',
  'status',
  'status_reason',
  'invoice_id',
  'ordered_at',
  'currency',
  'customer_name',
] as const;

type OrderRowView = {
  order_id: string;
  external_id: string;
  channel: string;
  channel_id: string | null;
  status: OrderStatus;
  status_reason: string | null;
  invoice_id: string | null;
  ordered_at: string;
  currency: string;
  customer_name: string;
};

const toOrderView = (row: OrderRowView): OrderView => ({
  id: row.order_id,
  externalId: row.external_id,
  channel: row.channel,
  channelId: row.channel_id,
  status: row.status,
  reason: row.status_reason,
  invoiceId: row.invoice_id,
  orderedAt: row.ordered_at,
  currency: row.currency,
  customerName: row.customer_name,
});

export async function findOrder(db: Db, tenantId: string, orderId: string): Promise<OrderView | undefined> {
  const row = await db
    .selectFrom('orders')
    .select(orderColumns)
    .where('tenant_id', '=', tenantId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return row === undefined ? undefined : toOrderView(row);
}

export async function listOrders(
  db: Db,
  tenantId: string,
  query: {
    cursor?: string | undefined;
    limit: number;
    status?: OrderStatus | undefined;
    channel?: string | undefined;
  },
): Promise<Page<OrderView>> {
  const { cursor, limit, status, channel } = query;
  const after = decodeCursor(cursor);
  const rows = await db
    .selectFrom('orders')
    .select(orderColumns)
    .where('tenant_id', '=', tenantId)
    .$if(status !== undefined, (q) => q.where('status', '=', status!))
    .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
    .$if(after !== undefined, (q) => q.where('seq', '>', after!))
    .orderBy('orders.seq')
    .limit(limit + 1)
    .execute();
  return page(rows, limit, toOrderView);
}

const invoiceColumns = [
  'invoice_id',
  sql<string>`seq::text`.as('seq'),
  'status',
  'status_reason',
  'document',
  'pdf_sha256',
  'ubl_sha256',
] as const;

type InvoiceRowView = {
  invoice_id: string;
  seq: string;
  status: InvoiceStatus;
  status_reason: string | null;
  document: unknown;
  pdf_sha256: string | null;
  ubl_sha256: string | null;
};

const toInvoiceView = (row: InvoiceRowView): InvoiceView => ({
  id: row.invoice_id,
  seq: row.seq,
  status: row.status,
  reason: row.status_reason,
  document: row.document as InvoiceDocument,
  pdfSha256: row.pdf_sha256,
  ublSha256: row.ubl_sha256,
});

export async function findInvoice(
  db: Db,
  tenantId: string,
  invoiceId: string,
): Promise<InvoiceView | undefined> {
  const row = await db
    .selectFrom('invoices')
    .select(invoiceColumns)
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  return row === undefined ? undefined : toInvoiceView(row);
}

export async function listInvoices(
  db: Db,
  tenantId: string,
  query: { cursor?: string | undefined; limit: number; status?: InvoiceStatus | undefined },
): Promise<Page<InvoiceView>> {
  const { cursor, limit, status } = query;
  const after = decodeCursor(cursor);
  const rows = await db
    .selectFrom('invoices')
    .select(invoiceColumns)
    .where('tenant_id', '=', tenantId)
    .$if(status !== undefined, (q) => q.where('status', '=', status!))
    .$if(after !== undefined, (q) => q.where('seq', '>', after!))
    .orderBy('invoices.seq')
    .limit(limit + 1)
    .execute();
  return page(rows, limit, toInvoiceView);
}

function page<Row extends { seq: string }, View>(
  rows: Row[],
  limit: number,
  view: (row: Row) => View,
): Page<View> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items: items.map(view), nextCursor: more ? encodeCursor(items.at(-1)!.seq) : null };
}
