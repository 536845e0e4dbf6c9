import { describe, expect, it } from 'vitest';
import {
  type DocumentAllowanceCharge,
  type InvoiceDocument,
  invoiceDocumentSchema,
} from '../../../src/domain/invoice/invoice-document.js';
import { decimal, formatAmount, round2, sum } from '../../../src/domain/shared/money.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote, usdInvoice } from '../../fixtures/invoices/foreign-currency.js';

const total = (values: string[]): string => formatAmount(sum(values.map((value) => decimal(value))));

/** The rendering tests trust these samples, so their arithmetic is checked here (EN 16931 BR-CO-*). */
describe.each([
  ['consumer, mixed rates', domesticMixedRates],
  ['business buyer on Peppol', businessBuyerPeppol],
  ['USD invoice with VAT in EUR', usdInvoice],
  ['credit note for part of a line', paperCreditNote],
])('fixture: %s', (_name, invoice: InvoiceDocument) => {
  const { totals } = invoice;
  const documentLevel = (
    kind: DocumentAllowanceCharge['kind'],
    where = (_: DocumentAllowanceCharge) => true,
  ) =>
    invoice.allowancesCharges
      .filter((entry) => entry.kind === kind && where(entry))
      .map((entry) => entry.amount);

  it('matches the invoice document schema', () => {
    expect(invoiceDocumentSchema.parse(invoice)).toEqual(invoice);
  });

  it('has line nets of quantity × price − discount', () => {
    for (const line of invoice.lines) {
      const expected = round2(decimal(line.quantity).times(line.unitPrice)).minus(line.discount ?? '0');
      expect(formatAmount(expected)).toBe(line.net);
    }
  });

  it('adds up per BR-CO-10…16', () => {
    const net = decimal(totals.lineNet).minus(totals.allowances).plus(totals.charges);

    expect(total(invoice.lines.map((line) => line.net))).toBe(totals.lineNet);
    expect(total(documentLevel('allowance'))).toBe(totals.allowances);
    expect(total(documentLevel('charge'))).toBe(totals.charges);
    expect(formatAmount(net)).toBe(totals.net);
    expect(total(invoice.vatBreakdown.map((entry) => entry.vat))).toBe(totals.vat);
    expect(total([totals.net, totals.vat])).toBe(totals.gross);
    expect(formatAmount(decimal(totals.gross).minus(totals.prepaid))).toBe(totals.payable);
  });

  it('has per-rate taxable amounts from lines and allowances/charges, and VAT rounded from them', () => {
    for (const entry of invoice.vatBreakdown) {
      const sameRate = (item: { vatCategory: string; vatRate: string }) =>
        item.vatCategory === entry.category && decimal(item.vatRate).eq(entry.rate);
      const taxable = decimal(total(invoice.lines.filter(sameRate).map((line) => line.net)))
        .minus(total(documentLevel('allowance', sameRate)))
        .plus(total(documentLevel('charge', sameRate)));

      expect(formatAmount(taxable)).toBe(entry.taxable);
      expect(formatAmount(taxable.times(entry.rate).div(100))).toBe(entry.vat); // BR-CO-17
    }
  });
});
