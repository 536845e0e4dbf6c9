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
    'cac:Price': { 'cbc:PriceAmount': { '@currencyID': currency, '#': line.unitPrice } },
  };
};
