import { intlDate, intlMoney } from '../domain/i18n/intl-format.js';
import type { EmailFacts } from '../domain/i18n/translation.js';
import { translationFor } from '../domain/i18n/translations.js';
import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import type { OutgoingMail } from '../domain/ports/mailer.js';
import { decimal } from '../domain/shared/money.js';

/** The invoice's facts for the e-mail, amounts and dates written the way the buyer's locale writes them. */
const emailFacts = (invoice: InvoiceDocument): EmailFacts => {
  const { language, currency, totals } = invoice;
  const owed = invoice.type === 'invoice' && decimal(totals.payable).gt(0);
  return {
    type: invoice.type,
    number: invoice.number,
    issueDate: intlDate(invoice.issueDate, language),
    orderReference: invoice.orderReference,
    recipient: invoice.buyer.contactName ?? invoice.buyer.name,
    seller: invoice.seller.name,
    total: intlMoney(totals.gross, currency, language),
    ...(owed
      ? {
          due: {
            amount: intlMoney(totals.payable, currency, language),
            ...(invoice.dueDate === undefined ? {} : { date: intlDate(invoice.dueDate, language) }),
          },
        }
      : {}),
  };
};

/** The customer's copy in the buyer's language: PDF for people, UBL for their bookkeeping software. */
export function invoiceEmail(
  invoice: InvoiceDocument,
  to: string,
  documents: { pdf: Buffer; ubl: Buffer },
): OutgoingMail {
  const { email } = translationFor(invoice.language);
  const facts = emailFacts(invoice);
  return {
    // Stable per invoice: a retried send after a lost acknowledgement is recognisably the same message.
    messageId: `<invoice-${invoice.invoiceId}@autofactuur.invalid>`,
    to,
    subject: email.subject(facts),
    text: email.body(facts),
    attachments: [
      { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', content: documents.pdf },
      { filename: `${invoice.number}.xml`, contentType: 'application/xml', content: documents.ubl },
    ],
  };
}
