import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { creditNoteSettlement } from './credit-note-texts.js';
import { isCreditTransfer } from './payment-means.js';
import type { UblNode } from './ubl-nodes.js';

/**
 * BT-81 as a Dutch seller may state it. NL-R-008 (Peppol BIS, Dutch seller and buyer) and BR-NL-12 (NLCIUS, any
 * buyer) allow only UNCL4461 30, 48, 49, 57, 58 and 59, while the shop records what the customer used:
 * - 54 credit card and 55 debit card are payments by card: 48 "bank card" says exactly that;
 * - 68 online payment service (iDEAL, PayPal, Klarna, Bancontact), 10 cash, and 49/59 direct debit (whose
 *   mandate reference BT-89 we never receive, PEPPOL-EN16931-R061) only occur for orders paid at checkout.
 *   They become 57 "standing agreement": the means were agreed at checkout and are not stated again; 30/58
 *   would instead tell the buyer to transfer money to our IBAN (BR-61), which is wrong for a paid order.
 * Our sellers are all Dutch, and 48 and 57 are valid for any seller, so the translation is unconditional. The
 * method itself stays on the document as the payment means text BT-82 (`@name`).
 */
const STATED_CODE: Readonly<Record<string, string>> = {
  '54': '48',
  '55': '48',
  '68': '57',
  '10': '57',
  '49': '57',
  '59': '57',
};

const METHOD_LABEL: Readonly<Record<string, string>> = {
  ideal: 'iDEAL',
  paypal: 'PayPal',
  klarna: 'Klarna',
  bancontact: 'Bancontact',
  card: 'Card',
  credit_card: 'Credit card',
  creditcard: 'Credit card',
  debit_card: 'Debit card',
  cash: 'Cash',
  direct_debit: 'Direct debit',
  sepa_direct_debit: 'SEPA direct debit',
};

const paymentMeansCode = ({ meansCode, method }: InvoiceDocument['payment']): UblNode | string => {
  const stated = STATED_CODE[meansCode];
  const text = method?.trim();
  if (stated === undefined) return meansCode;
  if (!text) return stated;
  return { '@name': METHOD_LABEL[text.toLowerCase()] ?? text, '#': stated };
};

/**
 * BG-16 and BT-20. On an invoice the customer pays: the number is the remittance information (BT-83)
 * and a credit transfer names the IBAN (BR-61). On a credit note the seller pays back or sets off, so
 * there are no payment means (NL-R-007 asks for them only when the customer pays, and BR-61 would need
 * the customer's account, which we do not have); the settlement is stated as payment terms instead,
 * which also satisfies BR-CO-25 for the amount due.
 */
export const settlement = (
  document: InvoiceDocument,
): { 'cac:PaymentMeans'?: UblNode; 'cac:PaymentTerms'?: UblNode } =>
  document.type === 'credit_note'
    ? { 'cac:PaymentTerms': { 'cbc:Note': creditNoteSettlement(document) } }
    : {
        'cac:PaymentMeans': {
          'cbc:PaymentMeansCode': paymentMeansCode(document.payment),
          'cbc:PaymentID': document.number,
          'cac:PayeeFinancialAccount': isCreditTransfer(document.payment.meansCode)
            ? { 'cbc:ID': document.seller.iban }
            : undefined,
        },
      };
