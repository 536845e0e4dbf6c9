import { translationFor } from '../../domain/i18n/translations.js';
import { SET_OFF_MEANS_CODE } from '../../domain/invoice/credit-note.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';

/**
 * How a credit note is settled: the seller refunds a paid invoice, or the credit reduces the open
 * invoice (UNCL4461 97). Printed on the PDF and stated as payment terms in the UBL (BT-20, BR-CO-25).
 */
export const creditNoteSettlement = (creditNote: InvoiceDocument): string => {
  const texts = translationFor(creditNote.language).labels.creditNote;
  return creditNote.payment.meansCode === SET_OFF_MEANS_CODE
    ? texts.setOff(creditNote.billingReference?.number ?? '')
    : texts.refund;
};
