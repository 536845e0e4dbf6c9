import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import type { InvoiceDocument, InvoiceLine } from '../../../src/domain/invoice/invoice-document.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { pdfPageTexts } from './pdf-text.js';

/** 120 lines of 1 × 10.00 at 21 %: net 1200.00, VAT 252.00, gross 1452.00. */
const longInvoice: InvoiceDocument = {
  ...businessBuyerPeppol,
  number: 'VW-2025-000200',
  lines: Array.from(
    { length: 120 },
    (_, index): InvoiceLine => ({
      id: String(index + 1),
      sku: `ART-${index + 1}`,
      description: `Artikel ${index + 1}`,
      quantity: '1',
      unitCode: 'H87',
      unitPrice: '10.00',
      net: '10.00',
      vatCategory: 'S',
      vatRate: '21',
      supplyType: 'goods',
    }),
  ),
  allowancesCharges: [],
  vatBreakdown: [
    {
      category: 'S',
      rate: '21',
      taxable: '1200.00',
      vat: '252.00',
      reporting: { kind: 'nl-return', box: '1a' },
    },
  ],
  totals: {
    lineNet: '1200.00',
    allowances: '0.00',
    charges: '0.00',
    net: '1200.00',
    vat: '252.00',
    gross: '1452.00',
    prepaid: '0.00',
    payable: '1452.00',
  },
};

describe('renderPdfInvoice', () => {
  it('produces a PDF', async () => {
    const pdf = await renderPdfInvoice(domesticMixedRates);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('gives identical bytes for the same invoice', async () => {
    const first = await renderPdfInvoice(businessBuyerPeppol);
    const second = await renderPdfInvoice(structuredClone(businessBuyerPeppol));

    expect(second.equals(first)).toBe(true);
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

  it('spreads a long invoice over pages, repeating the table header and numbering "page x of y"', async () => {
    const pages = await pdfPageTexts(await renderPdfInvoice(longInvoice));

    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(text).toContain('Description');
    });
    expect(pages.join('\n')).toContain('Artikel 120');
    expect(pages.at(-1)).toContain('€1,452.00');
  });
});
