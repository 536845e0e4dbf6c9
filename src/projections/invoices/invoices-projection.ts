import { sql } from 'kysely';
import type { InvoiceStatus } from '../../adapters/db/tables/invoices.js';
import { tenantOfInvoiceStream } from '../../domain/streams.js';
import type { Projection } from '../projection.js';

/** The invoice list: the frozen document plus what happened to it since (documents, delivery, booking). */
export const invoicesProjection: Projection = {
  name: 'invoices',
  tables: ['invoices'],
  async apply(trx, event, recorded) {
    if (event.type === 'InvoiceIssued' || event.type === 'InvoiceDrafted') {
      const invoice = event.data.invoice;
      const drafted = event.type === 'InvoiceDrafted';
      const row = {
        tenant_id: invoice.tenantId,
        invoice_id: invoice.invoiceId,
        seq: String(recorded.position),
        order_id: invoice.orderId,
        type: invoice.type,
        number: invoice.number,
        issue_date: invoice.issueDate,
        currency: invoice.currency,
        status: drafted ? ('draft' as const) : ('issued' as const),
        status_reason: null,
        net: invoice.totals.net,
        vat: invoice.totals.vat,
        gross: invoice.totals.gross,
        document: sql`${JSON.stringify(invoice)}::jsonb`,
        pdf_sha256: drafted ? event.data.pdf.sha256 : null,
        ubl_sha256: null,
        sent: false,
        booked: false,
      };
      // Issuing replaces the draft (its CONCEPT label and PDF) with the numbered invoice.
      await trx
        .insertInto('invoices')
        .values(row)
        .onConflict((oc) =>
          drafted
            ? oc.columns(['tenant_id', 'invoice_id']).doNothing()
            : oc
                .columns(['tenant_id', 'invoice_id'])
                .doUpdateSet({ ...row, seq: row.seq })
                .where('invoices.status', '=', 'draft'),
        )
        .execute();
      return;
    }
    const update = (invoiceId: string) =>
      trx
        .updateTable('invoices')
        .where('tenant_id', '=', tenantOf(recorded.stream, invoiceId))
        .where('invoice_id', '=', invoiceId);
    switch (event.type) {
      case 'InvoiceDocumentsRendered':
        await update(event.data.invoiceId)
          .set({ pdf_sha256: event.data.pdf.sha256, ubl_sha256: event.data.ubl.sha256 })
          .execute();
        return;
      case 'InvoiceSent':
        // Sending and booking are independent steps; a late "sent" must not hide that it is booked.
        await update(event.data.invoiceId)
          .set({
            sent: true,
            status: sql<InvoiceStatus>`case when booked then 'booked' else 'sent' end`,
            status_reason: null,
          })
          .execute();
        return;
      case 'InvoiceBooked':
        await update(event.data.invoiceId)
          .set({ booked: true, status: 'booked', status_reason: null })
          .execute();
        return;
      case 'InvoiceNeedsAttention':
        await update(event.data.invoiceId)
          .set({ status: 'needs_attention', status_reason: `${event.data.step}: ${event.data.reason}` })
          .execute();
        return;
    }
  },
};

/**
 * Follow-up invoice events carry only the invoice id; the tenant comes from the stream they were
 * appended to, so a row of another tenant can never be touched.
 */
function tenantOf(stream: string, invoiceId: string): string {
  const tenantId = tenantOfInvoiceStream(stream, invoiceId);
  if (tenantId === undefined)
    throw new Error(`Invoice event for ${invoiceId} in unexpected stream ${stream}`);
  return tenantId;
}
