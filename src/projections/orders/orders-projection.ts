import { sql } from 'kysely';
import type { Projection } from '../projection.js';

/** The order list: one row per received order, its status following the invoicing outcome. */
export const ordersProjection: Projection = {
  name: 'orders',
  tables: ['orders'],
  async apply(trx, event, recorded) {
    switch (event.type) {
      case 'OrderReceived': {
        const { tenantId, orderId, order } = event.data;
        await trx
          .insertInto('orders')
          .values({
            tenant_id: tenantId,
            order_id: orderId,
            seq: String(recorded.position),
            external_id: order.externalId,
            channel: order.channel,
            channel_id: order.channelId ?? null,
            status: 'received',
            status_reason: null,
            invoice_id: null,
            ordered_at: order.orderedAt,
            currency: order.currency,
            customer_name: order.customer.companyName ?? order.customer.name,
            order: sql`${JSON.stringify(order)}::jsonb`,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'order_id']).doNothing())
          .execute();
        return;
      }
      case 'InvoiceIssued': {
        // A credit note belongs to the same order but does not change which invoice it has.
        if (event.data.invoice.type !== 'invoice') return;
        const { tenantId, orderId, invoiceId } = event.data.invoice;
        await trx
          .updateTable('orders')
          .set({ status: 'invoiced', status_reason: null, invoice_id: invoiceId })
          .where('tenant_id', '=', tenantId)
          .where('order_id', '=', orderId)
          .execute();
        return;
      }
      case 'OrderHeld': {
        const { tenantId, orderId, reason } = event.data;
        await trx
          .updateTable('orders')
          .set({ status: 'held', status_reason: reason })
          .where('tenant_id', '=', tenantId)
          .where('order_id', '=', orderId)
          .where('status', 'in', ['received', 'held'])
          .execute();
        return;
      }
      case 'BuyerVatIdVerified': {
        const { tenantId, orderId } = event.data;
        await trx
          .updateTable('orders')
          .set({ status: 'received', status_reason: null })
          .where('tenant_id', '=', tenantId)
          .where('order_id', '=', orderId)
          .where('status', '=', 'held')
          .execute();
        return;
      }
      case 'OrderRetryRequested':
      case 'OrderVatIdDecided': {
        const { tenantId, orderId } = event.data;
        // Released: back to where it was before it stopped (an issued invoice stays issued).
        await trx
          .updateTable('orders')
          .set({
            status: sql`case when invoice_id is null then 'received' else 'invoiced' end`,
            status_reason: null,
          })
          .where('tenant_id', '=', tenantId)
          .where('order_id', '=', orderId)
          .execute();
        return;
      }
      case 'OrderNeedsAttention': {
        const { tenantId, orderId, reason, errors } = event.data;
        const details = errors.map((e) => `${e.field} ${e.message}`).join('; ');
        await trx
          .updateTable('orders')
          .set({
            status: 'needs_attention',
            status_reason: details === '' ? reason : `${reason}: ${details}`,
          })
          .where('tenant_id', '=', tenantId)
          .where('order_id', '=', orderId)
          .execute();
        return;
      }
    }
  },
};
