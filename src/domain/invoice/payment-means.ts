import type { Order } from '../order/order.js';

/**
 * UNCL4461 payment means code (BT-81) from the shop's payment method. Unpaid orders are paid by
 * SEPA credit transfer to the seller's IBAN (58, BR-61 then requires BT-84).
 */
const CODE_BY_METHOD: Record<string, string> = {
  ideal: '68',
  paypal: '68',
  klarna: '68',
  bancontact: '68',
  online: '68',
  card: '54',
  credit_card: '54',
  creditcard: '54',
  debit_card: '55',
  bank_transfer: '58',
  sepa_credit_transfer: '58',
  direct_debit: '59',
  sepa_direct_debit: '59',
  cash: '10',
};

export function paymentMeansCode(payment: Order['payment']): string {
  if (payment === undefined || payment.status !== 'paid') return '58';
  return CODE_BY_METHOD[payment.method?.toLowerCase() ?? ''] ?? '68';
}
