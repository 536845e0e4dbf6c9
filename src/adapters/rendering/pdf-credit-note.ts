import type { Content } from 'pdfmake/interfaces.js';
import type { InvoiceLabels } from '../../domain/i18n/translation.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import type { InvoiceFormatter } from './pdf-format.js';

/** Which labels head the document: a credit note is named as such, never as an invoice. */
export const documentHeadings = (invoice: InvoiceDocument, labels: InvoiceLabels) =>
  invoice.type === 'credit_note'
    ? {
        title: labels.creditNote.title,
        number: labels.creditNote.number,
        issueDate: labels.creditNote.issueDate,
      }
    : { title: labels.title, number: labels.invoiceNumber, issueDate: labels.issueDate };

/** The unambiguous reference to the corrected invoice (art. 219 and 226b Directive 2006/112/EC) and the reason. */
export const correctionBlock = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
): Content[] => {
  const reference = invoice.billingReference;
  if (invoice.type !== 'credit_note' || reference === undefined) return [];
  const lines: Content[] = [
    { text: labels.creditNote.corrects(reference.number, format.date(reference.issueDate)), bold: true },
  ];
  if (invoice.creditReason) lines.push(`${labels.creditNote.reason}: ${invoice.creditReason}`);
  return [{ stack: lines, margin: [0, 0, 0, 8] }];
};
