import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import type { OutgoingMail } from '../domain/ports/mailer.js';

const documentName = {
  nl: (i: InvoiceDocument) => (i.type === 'credit_note' ? 'creditnota' : 'factuur'),
  en: (i: InvoiceDocument) => (i.type === 'credit_note' ? 'credit note' : 'invoice'),
};
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const TEXT = {
  nl: {
    subject: (i: InvoiceDocument) => `${capitalised(documentName.nl(i))} ${i.number} van ${i.seller.name}`,
    body: (i: InvoiceDocument) =>
      `Beste ${i.buyer.contactName ?? i.buyer.name},\n\nIn de bijlage vindt u ${documentName.nl(i)} ${i.number} voor uw bestelling ${i.orderReference} ` +
      `(${i.currency} ${i.totals.gross}), als PDF en als e-factuur (UBL).\n\nMet vriendelijke groet,\n${i.seller.name}\n`,
  },
  en: {
    subject: (i: InvoiceDocument) => `${capitalised(documentName.en(i))} ${i.number} from ${i.seller.name}`,
    body: (i: InvoiceDocument) =>
      `Dear ${i.buyer.contactName ?? i.buyer.name},\n\nAttached is ${documentName.en(i)} ${i.number} for your order ${i.orderReference} ` +
      `(${i.currency} ${i.totals.gross}), as a PDF and as an e-invoice (UBL).\n\nKind regards,\n${i.seller.name}\n`,
  },
};

/** The customer's copy: PDF for people, UBL for their bookkeeping software. */
export function invoiceEmail(
  invoice: InvoiceDocument,
  to: string,
  documents: { pdf: Buffer; ubl: Buffer },
): OutgoingMail {
  const text = invoice.language === 'nl' ? TEXT.nl : TEXT.en;
  return {
    // Stable per invoice: a retried send after a lost acknowledgement is recognisably the same message.
    messageId: `<invoice-${invoice.invoiceId}@autofactuur.invalid>`,
    to,
    subject: text.subject(invoice),
    text: text.body(invoice),
    attachments: [
      { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', content: documents.pdf },
      { filename: `${invoice.number}.xml`, contentType: 'application/xml', content: documents.ubl },
    ],
  };
}
