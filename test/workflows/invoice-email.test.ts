import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../../src/domain/invoice/invoice-document.js';
import { invoiceEmail } from '../../src/workflows/invoice-email.js';
import { businessBuyerPeppol, domesticMixedRates } from '../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote } from '../fixtures/invoices/foreign-currency.js';

type Language = InvoiceDocument['language'];

const documents = { pdf: Buffer.from('%PDF'), ubl: Buffer.from('<Invoice/>') };
/** Intl separates "€" and digit groups with no-break spaces; the expectations are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const mail = (invoice: InvoiceDocument) => {
  const message = invoiceEmail(invoice, 'inkoop@jansen-kantoor.example', documents);
  return { ...message, subject: plain(message.subject), text: plain(message.text) };
};

/** businessBuyerPeppol with a gross of 1,234.56 to pay by 16 April 2025, issued 17 March 2025. */
const invoice: InvoiceDocument = {
  ...businessBuyerPeppol,
  totals: { ...businessBuyerPeppol.totals, gross: '1234.56', payable: '1234.56' },
};

const EXPECTED: Record<Language, { subject: string; body: string[]; words: RegExp }> = {
  nl: {
    subject: 'Factuur VW-2025-000124 van Voorbeeld Webwinkel B.V.',
    body: [
      'Beste M. Jansen,',
      'In de bijlage vindt u factuur VW-2025-000124 van 17 maart 2025 voor uw bestelling WC-88213',
      'Te betalen: € 1.234,56 uiterlijk 16 april 2025.',
      'Met vriendelijke groet,\nVoorbeeld Webwinkel B.V.',
    ],
    words: /\b(Beste|bijlage|bestelling|groet)\b/,
  },
  en: {
    subject: 'Invoice VW-2025-000124 from Voorbeeld Webwinkel B.V.',
    body: [
      'Dear M. Jansen,',
      'Please find attached invoice VW-2025-000124 of 17 March 2025 for your order WC-88213',
      'Amount due: €1,234.56 by 16 April 2025.',
      'Kind regards,\nVoorbeeld Webwinkel B.V.',
    ],
    words: /\b(Dear|attached|order|regards)\b/,
  },
  de: {
    subject: 'Rechnung VW-2025-000124 von Voorbeeld Webwinkel B.V.',
    body: [
      'Guten Tag M. Jansen,',
      'anbei erhalten Sie die Rechnung VW-2025-000124 vom 17. März 2025 zu Ihrer Bestellung WC-88213',
      'Zu zahlen: 1.234,56 € bis zum 16. April 2025.',
      'Mit freundlichen Grüßen\nVoorbeeld Webwinkel B.V.',
    ],
    words: /\b(Guten|anbei|Bestellung|Grüßen)\b/,
  },
  fr: {
    subject: 'Facture VW-2025-000124 – Voorbeeld Webwinkel B.V.',
    body: [
      'Bonjour M. Jansen,',
      'Veuillez trouver ci-joint la facture VW-2025-000124 du 17 mars 2025, relative à votre commande WC-88213',
      'Net à payer : 1 234,56 € au plus tard le 16 avril 2025.',
      'Cordialement,\nVoorbeeld Webwinkel B.V.',
    ],
    words: /\b(Bonjour|Veuillez|commande|Cordialement)\b/,
  },
};
const LANGUAGES = Object.keys(EXPECTED) as Language[];

describe.each(LANGUAGES)('invoiceEmail in %s', (language) => {
  it('writes subject and body in the language, with amounts and dates as the locale writes them', () => {
    const { subject, text } = mail({ ...invoice, language });

    expect(subject).toBe(EXPECTED[language].subject);
    for (const phrase of EXPECTED[language].body) expect(text).toContain(phrase);
    for (const other of LANGUAGES.filter((candidate) => candidate !== language)) {
      expect(text).not.toMatch(EXPECTED[other].words);
    }
  });
});

describe('invoiceEmail', () => {
  it('names a credit note as such and states the amount credited, not an amount to pay', () => {
    const german = mail({ ...paperCreditNote, language: 'de' });
    const french = mail({ ...paperCreditNote, language: 'fr' });

    expect(german.subject).toBe('Rechnungskorrektur C2025-000007 von Voorbeeld Webwinkel B.V.');
    expect(german.text).toContain('anbei erhalten Sie die Rechnungskorrektur C2025-000007 vom 24. März 2025');
    expect(german.text).toContain('Erstattungsbetrag: 112,65 €.');
    expect(german.text).not.toContain('Zu zahlen');
    expect(french.subject).toBe('Avoir C2025-000007 – Voorbeeld Webwinkel B.V.');
    expect(french.text).toContain(
      "Veuillez trouver ci-joint l'avoir C2025-000007 du 24 mars 2025, relatif à",
    );
    expect(french.text).toContain('Montant crédité : 112,65 €.');
  });

  it('says that a paid invoice is paid', () => {
    expect(mail(domesticMixedRates).text).toContain('Totaalbedrag: € 346,35. Deze factuur is al betaald.');
    expect(mail({ ...domesticMixedRates, language: 'de' }).text).toContain(
      'Gesamtbetrag: 346,35 €. Diese Rechnung ist bereits bezahlt.',
    );
  });

  it('attaches the PDF and the UBL under the invoice number, with a message id stable per invoice', () => {
    const message = invoiceEmail(invoice, 'inkoop@jansen-kantoor.example', documents);

    expect(message.messageId).toBe(`<invoice-${invoice.invoiceId}@autofactuur.invalid>`);
    expect(message.attachments.map((a) => [a.filename, a.contentType, a.content])).toEqual([
      ['VW-2025-000124.pdf', 'application/pdf', documents.pdf],
      ['VW-2025-000124.xml', 'application/xml', documents.ubl],
    ]);
  });
});
