import type { DocumentAllowanceCharge, InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { decimal } from '../../domain/shared/money.js';
import { amount, taxCategory, type UblNode } from './ubl-nodes.js';

/** BG-20 / BG-21: amount, VAT category with rate, and a reason code and text (BR-31…BR-38). */
export const documentAllowanceCharge = (entry: DocumentAllowanceCharge, currency: string): UblNode => ({
  'cbc:ChargeIndicator': entry.kind === 'charge' ? 'true' : 'false',
  'cbc:AllowanceChargeReasonCode': entry.reasonCode,
  'cbc:AllowanceChargeReason': entry.reason,
  'cbc:Amount': amount(entry.amount, currency),
  'cac:TaxCategory': taxCategory(entry.vatCategory, entry.vatRate),
});

/** Exactly one TaxTotal with one subtotal per VAT category and rate (PEPPOL-EN16931-R053, BR-CO-18). */
export const taxTotal = (invoice: InvoiceDocument): UblNode => ({
  'cbc:TaxAmount': amount(invoice.totals.vat, invoice.currency),
  'cac:TaxSubtotal': invoice.vatBreakdown.map((entry) => ({
    'cbc:TaxableAmount': amount(entry.taxable, invoice.currency),
    'cbc:TaxAmount': amount(entry.vat, invoice.currency),
    'cac:TaxCategory': taxCategory(entry.category, entry.rate, {
      code: entry.exemptionReasonCode,
      reason: entry.exemptionReason,
    }),
  })),
});

/**
 * BT-111: a document in another currency states its VAT total in EUR as well (art. 230 Directive
 * 2006/112/EC), as a second TaxTotal with the amount only (PEPPOL-EN16931-R054/R055, BR-53).
 */
export const taxTotalInTaxCurrency = (invoice: InvoiceDocument): UblNode | undefined =>
  invoice.taxCurrency && { 'cbc:TaxAmount': amount(invoice.taxCurrency.vat, invoice.taxCurrency.currency) };

/** BT-107, BT-108 and BT-113 are optional; zero values are left out rather than stated. */
const unlessZero = (value: string, currency: string): UblNode | undefined =>
  decimal(value).eq(0) ? undefined : amount(value, currency);

/** BG-22 document totals, in the order of the UBL MonetaryTotalType sequence. */
export const legalMonetaryTotal = (invoice: InvoiceDocument): UblNode => {
  const { totals, currency } = invoice;
  return {
    'cbc:LineExtensionAmount': amount(totals.lineNet, currency),
    'cbc:TaxExclusiveAmount': amount(totals.net, currency),
    'cbc:TaxInclusiveAmount': amount(totals.gross, currency),
    'cbc:AllowanceTotalAmount': unlessZero(totals.allowances, currency),
    'cbc:ChargeTotalAmount': unlessZero(totals.charges, currency),
    'cbc:PrepaidAmount': unlessZero(totals.prepaid, currency),
    'cbc:PayableAmount': amount(totals.payable, currency),
  };
};
