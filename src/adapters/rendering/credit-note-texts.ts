import { SET_OFF_MEANS_CODE } from '../../domain/invoice/credit-note.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';

type Language = InvoiceDocument['language'];

const REFUND: Record<Language, string> = {
  nl: 'Wordt terugbetaald via de oorspronkelijke betaalwijze.',
  en: 'Refunded to the original means of payment.',
  de: 'Wird über die ursprüngliche Zahlungsart erstattet.',
  fr: "Remboursé via le moyen de paiement d'origine.",
};

const SET_OFF: Record<Language, (invoiceNumber: string) => string> = {
  nl: (number) => `Wordt verrekend met factuur ${number}.`,
  en: (number) => `Set off against invoice ${number}.`,
  de: (number) => `Wird mit der Rechnung ${number} verrechnet.`,
  fr: (number) => `Imputé sur la facture ${number}.`,
};

/**
 * How a credit note is settled: the seller refunds a paid invoice, or the credit reduces the open
 * invoice (UNCL4461 97). Printed on the PDF and stated as payment terms in the UBL (BT-20, BR-CO-25).
 */
export const creditNoteSettlement = (creditNote: InvoiceDocument): string =>
  creditNote.payment.meansCode === SET_OFF_MEANS_CODE
    ? SET_OFF[creditNote.language](creditNote.billingReference?.number ?? '')
    : REFUND[creditNote.language];
