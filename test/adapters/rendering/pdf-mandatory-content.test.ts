import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { type InvoiceDocument, invoiceDocumentSchema } from '../../../src/domain/invoice/invoice-document.js';
import {
  belgianReverseCharge,
  japaneseExport,
  polishIntraCommunitySupply,
} from '../../fixtures/invoices/cross-border.js';
import { domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote, usdInvoice } from '../../fixtures/invoices/foreign-currency.js';
import { pdfPageTexts } from './pdf-text.js';

const textOf = async (document: InvoiceDocument) =>
  (await pdfPageTexts(await renderPdfInvoice(document))).join('\n');

/** domain.md §1.1 (art. 226 Directive 2006/112/EC) and §1.2 (art. 35a Wet OB, KvK), one fixture per situation. */
describe('renderPdfInvoice: legally mandatory content', () => {
  it('uses fixtures that are valid invoice documents', () => {
    for (const fixture of [polishIntraCommunitySupply, japaneseExport, belgianReverseCharge]) {
      expect(invoiceDocumentSchema.parse(fixture)).toEqual(fixture);
    }
  });

  it('an intra-Community supply (K): every art. 226 item, both VAT IDs and the art. 138 exemption', async () => {
    const text = await textOf(polishIntraCommunitySupply);

    const required: [string, string][] = [
      ['(1) issue date', 'Rechnungsdatum 27.11.2026'],
      ['(2) sequential number', 'Rechnungsnummer VW-2026-000311'],
      ['(3) supplier VAT ID', 'USt-IdNr. NL859999999B01'],
      ['(4) customer VAT ID (ICL)', 'USt-IdNr. PL5252248481'],
      ['(5) supplier name', 'Voorbeeld Webwinkel B.V.'],
      ['(5) supplier address', 'Keizersgracht 100\n1015 CV Amsterdam\nNiederlande'],
      ['(5) customer name', 'Dvořák & Ørsted Sp. z o.o.'],
      ['(5) customer address, deliver-to country (BR-IC-12)', 'ul. Piotrkowska 104\n90-926 Łódź\nPolen'],
      ['(6) quantity and nature of goods', 'Siebträgermaschine Barista 200 2'],
      ['(7) date of supply (BR-IC-11)', 'Lieferdatum 25.11.2026'],
      ['(8) unit price excl. VAT', '149,00 €'],
      ['(8)(9)(10) taxable amount, rate and VAT per rate', '310,50 € 0,00 €'],
      ['(9) rate with the category named', '0% Innergemeinschaftliche Lieferung'],
      ['(11) exemption with its legal provision', 'Steuerfreie innergemeinschaftliche Lieferung (Art. 138'],
      ['totals', 'Gesamtbetrag brutto 310,50 €'],
      ['KvK number (Handelsregister)', 'Handelsregister (KvK) 12345678'],
    ];
    for (const [requirement, phrase] of required) expect(text, requirement).toContain(phrase);
  });

  it('a reverse-charge service (AE): the customer VAT ID and the words "reverse charge"', async () => {
    const text = await textOf(belgianReverseCharge);

    expect(text).toContain('N° TVA BE0477472701');
    expect(text).toContain('N° TVA NL859999999B01');
    expect(text).toContain('0% Autoliquidation');
    expect(text).toContain('760,00 € 0,00 €');
    expect(text).toContain('Formation barista (heures) 8 95,00 €');
    expect(text).toContain('Date de livraison 20/11/2026');
  });

  it('a Dutch reverse-charge invoice says "Btw verlegd", once in the VAT table', async () => {
    const dutch: InvoiceDocument = {
      ...belgianReverseCharge,
      language: 'nl',
      vatBreakdown: [{ ...belgianReverseCharge.vatBreakdown[0]!, exemptionReason: 'Btw verlegd' }],
      notes: ['Btw verlegd'],
    };
    const text = await textOf(dutch);

    expect(text).toContain('0% Btw verlegd € 760,00 € 0,00');
    expect(text).toContain('Opmerkingen\nBtw verlegd');
  });

  it('an export (G): the export exemption and the customer in Japan', async () => {
    const text = await textOf(japaneseExport);

    expect(text).toContain('0% Export');
    expect(text).toContain('Export outside the EU, exempt (art. 146 Directive 2006/112/EC)');
    expect(text).toContain('山田 花子\n丸の内1-1-1\n100-0005 東京\nJapan');
    expect(text).toContain('This invoice has already been paid.');
  });

  it('a domestic sale: unit price, line discount, taxable amount and VAT of each rate', async () => {
    const text = await textOf(domesticMixedRates);

    expect(text).toContain('Espressomachine Barista 200');
    expect(text).toContain('Art.nr. ESP-200 · Korting € 25,00');
    expect(text).toContain('1 € 249,00 21% € 224,00');
    expect(text).toContain('2 € 7,495 21% € 14,99');
    expect(text).toContain('21% € 244,84 € 51,42');
    expect(text).toContain('9% € 45,95 € 4,14');
    expect(text).toContain('Totaal excl. btw € 290,79');
    expect(text).toContain('Btw € 55,56');
    expect(text).toContain('Leverdatum 13-03-2025');
  });

  it('a foreign-currency invoice: the VAT total in EUR and the exchange rate (art. 230)', async () => {
    const text = await textOf(usdInvoice);

    expect(text).toContain('VAT in EUR €21.49');
    expect(text).toContain('Exchange rate: 1 EUR = 1.085 USD (2026-11-19, ECB)');
  });

  it('a credit note: the number and date of the invoice it corrects (art. 219, 226b)', async () => {
    const text = await textOf(paperCreditNote);

    expect(text).toContain('Corrects invoice VW-2025-000124 of 2025-03-17');
    expect(text).toContain('Credit note date 2025-03-24');
  });
});
