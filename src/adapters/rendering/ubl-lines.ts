import type { InvoiceLine } from '../../domain/invoice/invoice-document.js';
import { decimal } from '../../domain/shared/money.js';
import { amount, optionalText, taxCategory, type UblNode } from './ubl-nodes.js';

/** BG-27: a line discount is an allowance with UNCL5189 code 95 "Discount" (BR-41/BR-42 need code or text). */
const lineDiscount = (discount: string | undefined, currency: string): UblNode | undefined => {
  if (discount === undefined || decimal(discount).eq(0)) return undefined;
  return {
    'cbc:ChargeIndicator': 'false',
    'cbc:AllowanceChargeReasonCode': '95',
    'cbc:Amount': amount(discount, currency),
  };
};

/**
 * BG-29. PEPPOL-EN16931-R120 requires quantity × net price (BT-129 × BT-146 / BT-149) − line allowance to give
 * the line net amount within 0.02. The domain rounds the unit price of VAT-inclusive orders to four decimals,
 * which drifts further on large quantities (5000 × 0.8182 = 4091.00 for a net of 4090.91); such a line states
 * its price for the whole quantity instead (base quantity BT-149 = BT-129), which is exact.
 */
const R120_SLACK = '0.02';
const price = (line: InvoiceLine, currency: string): UblNode => {
  const beforeDiscount = decimal(line.net).plus(line.discount ?? '0');
  const drift = decimal(line.quantity).times(line.unitPrice).minus(beforeDiscount).abs();
  if (drift.lte(R120_SLACK)) return { 'cbc:PriceAmount': { '@currencyID': currency, '#': line.unitPrice } };
  return {
    'cbc:PriceAmount': amount(beforeDiscount.toString(), currency),
    'cbc:BaseQuantity': { '@unitCode': line.unitCode, '#': line.quantity },
  };
};

/**
 * BG-25 as `cac:InvoiceLine` (`cbc:InvoicedQuantity`) or `cac:CreditNoteLine` (`cbc:CreditedQuantity`), same
 * sequence otherwise. BT-146 keeps its own precision (up to four decimals); document amounts have two (BR-DEC-*).
 */
export const documentLine = (
  line: InvoiceLine,
  currency: string,
  quantityElement: 'cbc:InvoicedQuantity' | 'cbc:CreditedQuantity',
): UblNode => {
  const sku = optionalText(line.sku);
  return {
    'cbc:ID': line.id,
    [quantityElement]: { '@unitCode': line.unitCode, '#': line.quantity },
    'cbc:LineExtensionAmount': amount(line.net, currency),
    'cac:AllowanceCharge': lineDiscount(line.discount, currency),
    'cac:Item': {
      'cbc:Name': line.description,
      'cac:SellersItemIdentification': sku ? { 'cbc:ID': sku } : undefined,
      'cac:ClassifiedTaxCategory': taxCategory(line.vatCategory, line.vatRate),
    },
    'cac:Price': price(line, currency),
  };
};
