import type { Transaction } from 'kysely';
import type { Database } from '../../adapters/db/database.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import type { JournalLine } from '../../domain/invoice/journal.js';
import { breakdownInEuro } from '../../domain/invoice/journal.js';
import { formatAmount } from '../../domain/shared/money.js';
import type { Projection } from '../projection.js';
import { customerIdOf } from './customer-id.js';

/**
 * The books: journal lines (sales and bank journals), the VAT lines behind the VAT return, ICP and
 * OSS figures, and the customers. Amounts are EUR; credit-note VAT lines are negative.
 */
export const ledgerProjection: Projection = {
  name: 'ledger',
  tables: ['journal_lines', 'vat_lines', 'customers'],
  async apply(trx, event, recorded) {
    switch (event.type) {
      case 'InvoiceIssued':
        await recordVatLines(trx, event.data.invoice, String(recorded.position));
        return;
      case 'InvoiceBooked':
      case 'InvoicePaymentRecorded': {
        const invoiceId = event.data.invoiceId;
        const tenantId = String(recorded.metadata.tenantId);
        const document = await trx
          .selectFrom('invoices')
          .select('document')
          .where('tenant_id', '=', tenantId)
          .where('invoice_id', '=', invoiceId)
          .executeTakeFirstOrThrow();
        const invoice = document.document as InvoiceDocument;
        await recordJournalEntry(trx, invoice, {
          entryId: recorded.id,
          seq: String(recorded.position),
          journal: event.type === 'InvoiceBooked' ? 'sales' : 'bank',
          bookingDate: event.data.bookingDate,
          lines: event.data.lines,
        });
        return;
      }
    }
  },
};

async function recordVatLines(
  trx: Transaction<Database>,
  invoice: InvoiceDocument,
  seq: string,
): Promise<void> {
  const customerId = customerIdOf(invoice.buyer);
  const sign = invoice.type === 'credit_note' ? '-' : '';
  const signed = (amount: string) => (sign === '' || amount === '0.00' ? amount : `-${amount}`);
  const { nets, vats } = breakdownInEuro(invoice);
  if (invoice.vatBreakdown.length > 0) {
    await trx
      .insertInto('vat_lines')
      .values(
        invoice.vatBreakdown.map((entry, i) => ({
          tenant_id: invoice.tenantId,
          document_id: invoice.invoiceId,
          line_no: i + 1,
          seq,
          document_number: invoice.number,
          document_type: invoice.type,
          issue_date: invoice.issueDate,
          supply_date: invoice.supplyDate,
          channel: invoice.channel,
          customer_id: customerId,
          buyer_vat_id: invoice.buyer.vatId ?? null,
          buyer_country: invoice.buyer.address.countryCode,
          category: entry.category,
          rate: entry.rate,
          reporting_kind: entry.reporting.kind,
          box: entry.reporting.kind === 'nl-return' ? entry.reporting.box : null,
          country_code: 'countryCode' in entry.reporting ? entry.reporting.countryCode : null,
          icp: entry.icp ?? null,
          corrects_issue_date: invoice.billingReference?.issueDate ?? null,
          taxable_eur: signed(formatAmount(nets[i]!)),
          vat_eur: signed(formatAmount(vats[i]!)),
        })),
      )
      .onConflict((c) => c.columns(['tenant_id', 'document_id', 'line_no']).doNothing())
      .execute();
  }
  const { buyer } = invoice;
  await trx
    .insertInto('customers')
    .values({
      tenant_id: invoice.tenantId,
      customer_id: customerId,
      name: buyer.name,
      email: buyer.email ?? null,
      vat_id: buyer.vatId ?? null,
      country_code: buyer.address.countryCode,
      is_business:
        buyer.vatId !== undefined || buyer.companyId !== undefined || buyer.contactName !== undefined,
      street: buyer.address.street,
      postal_code: buyer.address.postalCode,
      city: buyer.address.city,
    })
    .onConflict((c) =>
      c.columns(['tenant_id', 'customer_id']).doUpdateSet({
        name: buyer.name,
        email: buyer.email ?? null,
        street: buyer.address.street,
        postal_code: buyer.address.postalCode,
        city: buyer.address.city,
      }),
    )
    .execute();
}

async function recordJournalEntry(
  trx: Transaction<Database>,
  invoice: InvoiceDocument,
  entry: {
    entryId: string;
    seq: string;
    journal: 'sales' | 'bank';
    bookingDate: string;
    lines: JournalLine[];
  },
): Promise<void> {
  await trx
    .insertInto('journal_lines')
    .values(
      entry.lines.map((line, i) => ({
        tenant_id: invoice.tenantId,
        entry_id: entry.entryId,
        line_no: i + 1,
        seq: entry.seq,
        journal: entry.journal,
        booking_date: entry.bookingDate,
        document_id: invoice.invoiceId,
        document_number: invoice.number,
        document_type: invoice.type,
        customer_id: customerIdOf(invoice.buyer),
        account: line.account,
        account_name: line.accountName,
        debit: line.debit,
        credit: line.credit,
        vat_category: line.vatCategory ?? null,
        vat_rate: line.vatRate ?? null,
      })),
    )
    .onConflict((c) => c.columns(['tenant_id', 'entry_id', 'line_no']).doNothing())
    .execute();
}
