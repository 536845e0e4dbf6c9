import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import { creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote, usdInvoice } from '../../fixtures/invoices/foreign-currency.js';
import { pdfPageTexts } from './pdf-text.js';

const textOf = async (document: InvoiceDocument) =>
  (await pdfPageTexts(await renderPdfInvoice(document))).join('\n');

const fullCredit = (original: InvoiceDocument, reason: string): InvoiceDocument => {
  const result = draftCreditNote({
    original,
    credited: creditedSoFar(original, []),
    request: { kind: 'full', reason },
    creditNoteId: 'cn-1',
    issuedAt: new Date('2026-12-04T10:00:00Z'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result.draft, number: 'C2026-000001' };
};

describe('renderPdfInvoice: credit notes', () => {
  it('titles an English credit note as such, names the corrected invoice and the reason', async () => {
    const text = await textOf(paperCreditNote);

    expect(text).toMatch(/^Credit note$/m);
    expect(text).not.toMatch(/^Invoice$/m);
    expect(text).toContain('Credit note number C2025-000007');
    expect(text).toContain('Credit note date 2025-03-24');
    expect(text).toContain('Corrects invoice VW-2025-000124 of 2025-03-17');
    expect(text).toContain('Reason: Returned: 4 boxes damaged in transit');
    expect(text).not.toContain('Due date');
  });

  it('shows positive amounts and how the credit is settled instead of a payment request', async () => {
    const text = await textOf(paperCreditNote);

    expect(text).toContain('Total incl. VAT €112.65');
    expect(text).toContain('Amount credited €112.65');
    expect(text).not.toContain('Amount due');
    expect(text).not.toMatch(/-€(98|93|19|112)/);
    expect(text).toContain('Set off against invoice VW-2025-000124.');
    expect(text).not.toContain('Please transfer');
  });

  it('prints a Dutch credit note for a paid invoice as a refund', async () => {
    const text = await textOf(fullCredit(domesticMixedRates, 'Bestelling geannuleerd'));

    expect(text).toMatch(/^Creditnota$/m);
    expect(text).toContain('Creditnotanummer C2026-000001');
    expect(text).toContain('Correctie op factuur VW-2025-000123 van 14-03-2025');
    expect(text).toContain('Reden: Bestelling geannuleerd');
    expect(text).toContain('Totaal incl. btw € 346,35');
    expect(text).toContain('Wordt terugbetaald via de oorspronkelijke betaalwijze.');
    expect(text).not.toContain('Deze factuur is al betaald.');
  });
});

describe('renderPdfInvoice: documents in another currency', () => {
  it('shows the VAT total in EUR and the exchange rate with its date and source (art. 230)', async () => {
    const text = await textOf(usdInvoice);

    expect(text).toContain('Total incl. VAT $149.14');
    expect(text).toContain('VAT in EUR €21.49');
    expect(text).toContain('Exchange rate: 1 EUR = 1.085 USD (2026-11-19, ECB)');
  });

  it('does the same on the credit note of such an invoice, in the document language', async () => {
    const dutch = { ...usdInvoice, language: 'nl' as const };
    const text = await textOf(fullCredit(dutch, 'Retour'));

    expect(text).toContain('Btw in EUR € 21,49');
    expect(text).toContain('Wisselkoers: 1 EUR = 1,085 USD (19-11-2026, ECB)');
  });

  it('shows neither on a EUR invoice', async () => {
    const text = await textOf(domesticMixedRates);

    expect(text).not.toContain('Btw in EUR');
    expect(text).not.toContain('Wisselkoers');
  });
});
