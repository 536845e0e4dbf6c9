import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { translationFor } from '../../../src/domain/i18n/translations.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { credit, issue } from '../../domain/credit-notes/support.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote } from '../../fixtures/invoices/foreign-currency.js';
import { pdfPageTexts } from './pdf-text.js';

type Language = InvoiceDocument['language'];

const textOf = async (document: InvoiceDocument) =>
  (await pdfPageTexts(await renderPdfInvoice(document))).join('\n');

/** businessBuyerPeppol (VW-2025-000124) as each language prints it: every label, date and amount. */
const INVOICE: Record<Language, { title: string; expected: string[] }> = {
  nl: {
    title: 'Factuur',
    expected: [
      'Factuurnummer VW-2025-000124',
      'Factuurdatum 17-03-2025',
      'Leverdatum 17-03-2025',
      'Vervaldatum 16-04-2025',
      'KvK 12345678',
      'Btw-nr. NL859999999B01',
      'Btw-nr. NL987654321B02',
      'Omschrijving Aantal Prijs excl. btw Btw Bedrag',
      '10 € 24,50 21% € 245,00',
      'Tarief Grondslag Btw',
      '21% € 232,75 € 48,88',
      '9% € 59,90 € 5,39',
      'Totaal excl. btw € 292,65',
      'Btw € 54,27',
      'Totaal incl. btw € 346,92',
      'Te betalen € 346,92',
      'Graag € 346,92 uiterlijk 16-04-2025 overmaken naar NL91ABNA0417164300',
      'Pagina 1 van 1',
    ],
  },
  en: {
    title: 'Invoice',
    expected: [
      'Invoice number VW-2025-000124',
      'Invoice date 2025-03-17',
      'Delivery date 2025-03-17',
      'Due date 2025-04-16',
      'CoC (KvK) 12345678',
      'VAT ID NL859999999B01',
      'VAT ID NL987654321B02',
      'Description Qty Unit price excl. VAT VAT Amount',
      '10 €24.50 21% €245.00',
      'Rate Taxable amount VAT',
      '21% €232.75 €48.88',
      '9% €59.90 €5.39',
      'Total excl. VAT €292.65',
      'VAT €54.27',
      'Total incl. VAT €346.92',
      'Amount due €346.92',
      'Please transfer €346.92 by 2025-04-16 to NL91ABNA0417164300',
      'Page 1 of 1',
    ],
  },
  de: {
    title: 'Rechnung',
    expected: [
      'Rechnungsnummer VW-2025-000124',
      'Rechnungsdatum 17.03.2025',
      'Lieferdatum 17.03.2025',
      'Fällig am 16.04.2025',
      'Handelsregister (KvK) 12345678',
      'USt-IdNr. NL859999999B01',
      'USt-IdNr. NL987654321B02',
      'Beschreibung Menge Einzelpreis netto USt. Betrag',
      '10 24,50 € 21% 245,00 €',
      'Steuersatz Bemessungsgrundlage USt.',
      '21% 232,75 € 48,88 €',
      '9% 59,90 € 5,39 €',
      'Gesamtbetrag netto 292,65 €',
      'USt. 54,27 €',
      'Gesamtbetrag brutto 346,92 €',
      'Zu zahlen 346,92 €',
      'Bitte überweisen Sie 346,92 € bis zum 16.04.2025 auf NL91ABNA0417164300',
      'Seite 1 von 1',
    ],
  },
  fr: {
    title: 'Facture',
    expected: [
      'Numéro de facture VW-2025-000124',
      'Date de facture 17/03/2025',
      'Date de livraison 17/03/2025',
      "Date d'échéance 16/04/2025",
      'N° KvK (registre du commerce) 12345678',
      'N° TVA NL859999999B01',
      'N° TVA NL987654321B02',
      'Désignation Qté Prix unitaire HT TVA Montant HT',
      '10 24,50 € 21% 245,00 €',
      'Taux Base HT TVA',
      '21% 232,75 € 48,88 €',
      '9% 59,90 € 5,39 €',
      'Total HT 292,65 €',
      'TVA 54,27 €',
      'Total TTC 346,92 €',
      'Net à payer 346,92 €',
      'Merci de virer 346,92 € au plus tard le 16/04/2025 sur le compte NL91ABNA0417164300',
      'Page 1 sur 1',
    ],
  },
};

/** paperCreditNote (C2025-000007, correcting VW-2025-000124 of 2025-03-17) in each language. */
const CREDIT_NOTE: Record<Language, { title: string; expected: string[] }> = {
  nl: {
    title: 'Creditnota',
    expected: [
      'Creditnotanummer C2025-000007',
      'Correctie op factuur VW-2025-000124 van 17-03-2025',
      'Reden: Returned',
      'Gecrediteerd bedrag € 112,65',
      'Wordt verrekend met factuur VW-2025-000124.',
    ],
  },
  en: {
    title: 'Credit note',
    expected: [
      'Credit note number C2025-000007',
      'Corrects invoice VW-2025-000124 of 2025-03-17',
      'Reason: Returned',
      'Amount credited €112.65',
      'Set off against invoice VW-2025-000124.',
    ],
  },
  de: {
    title: 'Rechnungskorrektur',
    expected: [
      'Nummer der Rechnungskorrektur C2025-000007',
      'Korrektur der Rechnung VW-2025-000124 vom 17.03.2025',
      'Grund: Returned',
      'Erstattungsbetrag 112,65 €',
      'Wird mit der Rechnung VW-2025-000124 verrechnet.',
    ],
  },
  fr: {
    title: 'Avoir',
    expected: [
      "Numéro d'avoir C2025-000007",
      'Avoir sur la facture VW-2025-000124 du 17/03/2025',
      'Motif: Returned',
      'Montant crédité 112,65 €',
      'Imputé sur la facture VW-2025-000124.',
    ],
  },
};

describe.each(Object.keys(INVOICE) as Language[])('renderPdfInvoice in %s', (language) => {
  it('labels the number, dates, VAT IDs, per-rate amounts, totals and payment in the language', async () => {
    const { title, expected } = INVOICE[language];
    const text = await textOf({ ...businessBuyerPeppol, language });

    expect(text).toMatch(new RegExp(`^${title}$`, 'm'));
    for (const phrase of expected) expect(text).toContain(phrase);
  });

  it('titles a credit note as such and names the invoice it corrects', async () => {
    const { title, expected } = CREDIT_NOTE[language];
    const text = await textOf({ ...paperCreditNote, language });

    expect(text).toMatch(new RegExp(`^${title}$`, 'm'));
    expect(text).not.toMatch(new RegExp(`^${INVOICE[language].title}$`, 'm'));
    for (const phrase of expected) expect(text).toContain(phrase);
  });
});

/** Stands for every value a text function is given, so that its fixed words can be cut out. */
const VALUE = '|';

/** The fixed words of every text of a translation: labels, credit-note wording and VAT notes. */
const fixedWords = (language: Language): string[] => {
  const { labels, vatNotes } = translationFor(language);
  const leaves = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'function') return leaves(value(VALUE, VALUE, VALUE, VALUE, VALUE));
    return Object.values(value as object).flatMap(leaves);
  };
  return leaves([labels, vatNotes]).flatMap((text) => text.split(/\||\d+/).map((part) => part.trim()));
};

describe('renderPdfInvoice for a German buyer whose order names no shipping or discount text', () => {
  const german = fixedWords('de').join('\n');
  /** Dutch words that German does not share (such as "IBAN" or "Datum"). */
  const dutch = [...new Set(fixedWords('nl'))].filter((word) => word.length >= 3 && !german.includes(word));
  const invoice = issue({
    customer: {
      name: 'Erika Mustermann',
      language: 'de',
      address: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
    },
    lines: [{ description: 'Kaffeebohnen', quantity: '2', unitPrice: '12.50', vatClass: 'standard' }],
    shipping: { amount: '4.95' },
    discount: { amount: '2.00' },
  });

  it('prints the invoice with German labels only, shipping as "Versand" and the discount as "Rabatt"', async () => {
    const text = await textOf(invoice);

    expect(dutch).toEqual(
      expect.arrayContaining(['Verzending', 'Korting', 'Factuurnummer', 'Btw', 'Pagina']),
    );
    expect(text).toMatch(/^Versand 21% 4,95 €$/m);
    expect(text).toMatch(/^Rabatt 21% -2,00 €$/m);
    for (const word of dutch) expect(text, word).not.toContain(word);
  });

  it('prints a credit note of it with German wording only', async () => {
    const text = await textOf(credit(invoice, { kind: 'amount', amount: '5.00', reason: 'Kulanz' }).document);

    expect(text).toContain('Rechnungskorrektur zur Rechnung 2026-000042 vom 27.11.2026');
    for (const word of dutch) expect(text, word).not.toContain(word);
  });
});
