import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { unicodeInvoice } from '../../fixtures/invoices/unicode-lines.js';
import { pdfPageTexts } from './pdf-text.js';

describe('renderPdfInvoice', () => {
  it('produces a PDF', async () => {
    const pdf = await renderPdfInvoice(domesticMixedRates);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('prints a Dutch invoice with Dutch labels and amounts', async () => {
    const [text] = await pdfPageTexts(await renderPdfInvoice(domesticMixedRates));

    expect(text).toMatch(/^Factuur$/m);
    expect(text).toContain('VW-2025-000123');
    expect(text).toContain('Sanne de Vries');
    expect(text).toContain('NL859999999B01');
    expect(text).toContain('Totaal incl. btw € 346,35');
    expect(text).toContain('Deze factuur is al betaald.');
    expect(text).toContain('Pagina 1 van 1');
  });

  it('prints an English invoice with the buyer VAT id and the transfer instruction', async () => {
    const [text] = await pdfPageTexts(await renderPdfInvoice(businessBuyerPeppol));

    expect(text).toMatch(/^Invoice$/m);
    expect(text).toContain('VW-2025-000124');
    expect(text).toContain('Kantoorartikelen Jansen B.V.');
    expect(text).toContain('NL859999999B01');
    expect(text).toContain('NL987654321B02');
    expect(text).toContain('Total incl. VAT €346.92');
    expect(text).toContain('Please transfer €346.92 by 2025-04-16 to NL91ABNA0417164300');
    expect(text).toContain('Page 1 of 1');
  });

  it('writes country names in the document language instead of ISO codes', async () => {
    const [english] = await pdfPageTexts(await renderPdfInvoice(unicodeInvoice(1)));
    const [french] = await pdfPageTexts(await renderPdfInvoice({ ...unicodeInvoice(1), language: 'fr' }));

    expect(english).toMatch(/^Poland$/m);
    expect(english).toMatch(/^Netherlands$/m);
    expect(french).toMatch(/^Pologne$/m);
    expect(french).toMatch(/^Pays-Bas$/m);
    expect(english).not.toMatch(/^(PL|NL)$/m);
  });

  it('spreads 120 lines over pages, repeating the table header and numbering "page x of y"', async () => {
    const pages = await pdfPageTexts(await renderPdfInvoice(unicodeInvoice(120)));

    const withLines = pages.filter((text) => /ART-\d+/.test(text));
    expect(withLines.length).toBeGreaterThan(2);
    withLines.forEach((text) => {
      expect(text).toContain('Description Qty Unit price excl. VAT VAT Amount');
    });
    pages.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${pages.length}`);
      // The footer identifies the issuer on every page.
      expect(text).toContain('CoC (KvK) 12345678 · VAT ID NL859999999B01 · IBAN NL91ABNA0417164300');
    });
    const all = pages.join('\n');
    for (let line = 1; line <= 120; line += 1) expect(all).toContain(`ART-${line}\n`);
    expect(pages.at(-1)).toContain('Total incl. VAT €1,452.00');
    expect(pages.at(-1)).toContain('21% €1,200.00 €252.00');
  });
});
