import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { creditNoteSettlement } from './credit-note-texts.js';
import { isCreditTransfer } from './payment-means.js';
import type { UblNode } from './ubl-nodes.js';

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
          'cbc:PaymentMeansCode': document.payment.meansCode,
          'cbc:PaymentID': document.number,
          'cac:PayeeFinancialAccount': isCreditTransfer(document.payment.meansCode)
            ? { 'cbc:ID': document.seller.iban }
            : undefined,
        },
      };
