import { describe, expect, it } from 'vitest';
import { renderUblInvoice } from '../../../src/adapters/rendering/ubl-invoice.js';
import { draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import { creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote, usdInvoice } from '../../fixtures/invoices/foreign-currency.js';
import { validateAgainstUblXsd } from '../../support/ubl-xsd.js';
import { childText, elementsNamed, textsOf } from './xml-query.js';

const fullCredit = (original: InvoiceDocument): InvoiceDocument => {
  const result = draftCreditNote({
    original,
    credited: creditedSoFar(original, []),
    request: { kind: 'full', reason: 'Order cancelled' },
    creditNoteId: 'cn-1',
    issuedAt: new Date('2026-12-04T10:00:00Z'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result.draft, number: 'C2026-000001' };
};

const expectValid = async (xml: string, type: 'Invoice' | 'CreditNote') => {
  const result = await validateAgainstUblXsd(xml, type);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
};

describe('renderUblInvoice: credit notes', () => {
  const xml = renderUblInvoice(paperCreditNote);

  it('renders a UBL 2.1 CreditNote that validates against its schema, and is no Invoice', async () => {
    await expectValid(xml, 'CreditNote');
    expect((await validateAgainstUblXsd(xml, 'Invoice')).valid).toBe(false);
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
  });

  it('states type code 381, the corrected invoice (NL-R-001) and no header due date', () => {
    expect(childText(xml, 'CreditNote', 'cbc:ID')).toBe('C2025-000007');
    expect(childText(xml, 'CreditNote', 'cbc:IssueDate')).toBe('2025-03-24');
    expect(childText(xml, 'CreditNote', 'cbc:CreditNoteTypeCode')).toBe('381');
    expect(elementsNamed(xml, 'cbc:DueDate')).toHaveLength(0);
    expect(elementsNamed(xml, 'cac:BillingReference')).toHaveLength(1);
    expect(childText(xml, 'cac:InvoiceDocumentReference', 'cbc:ID')).toBe('VW-2025-000124');
    expect(childText(xml, 'cac:InvoiceDocumentReference', 'cbc:IssueDate')).toBe('2025-03-17');
    expect(textsOf(xml, 'cbc:Note')[0]).toBe(
      'Returned: 4 boxes damaged in transit\nCredit note for invoice VW-2025-000124 of 2025-03-17',
    );
  });

  it('has credit note lines with the credited quantity and positive amounts', () => {
    const [line] = elementsNamed(xml, 'cac:CreditNoteLine');
    const quantity = line?.getElementsByTagName('cbc:CreditedQuantity')[0];

    expect(elementsNamed(xml, 'cac:CreditNoteLine')).toHaveLength(1);
    expect(elementsNamed(xml, 'cac:InvoiceLine')).toHaveLength(0);
    expect([quantity?.getAttribute('unitCode'), quantity?.textContent]).toEqual(['XBX', '4']);
    expect(line?.getElementsByTagName('cbc:LineExtensionAmount')[0]?.textContent).toBe('98.00');
    expect(childText(xml, 'cac:AllowanceCharge', 'cbc:Amount')).toBe('4.90');
    expect(childText(xml, 'cac:TaxTotal', 'cbc:TaxAmount')).toBe('19.55');
    expect(textsOf(xml, 'cbc:TaxableAmount')).toEqual(['93.10']);
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:TaxExclusiveAmount')).toBe('93.10');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe('112.65');
    expect(xml).not.toMatch(/>-\d/);
  });

  it('states the settlement as payment terms instead of payment means (BR-CO-25, NL-R-007)', () => {
    expect(elementsNamed(xml, 'cac:PaymentMeans')).toHaveLength(0);
    expect(childText(xml, 'cac:PaymentTerms', 'cbc:Note')).toBe('Set off against invoice VW-2025-000124.');
  });

  it('renders a computed full credit of a paid invoice as a valid credit note that refunds', async () => {
    const creditNote = renderUblInvoice(fullCredit(domesticMixedRates));

    await expectValid(creditNote, 'CreditNote');
    expect(elementsNamed(creditNote, 'cac:CreditNoteLine')).toHaveLength(3);
    expect(childText(creditNote, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe('346.35');
    expect(childText(creditNote, 'cac:LegalMonetaryTotal', 'cbc:PrepaidAmount')).toBeUndefined();
    expect(childText(creditNote, 'cac:PaymentTerms', 'cbc:Note')).toBe(
      'Wordt terugbetaald via de oorspronkelijke betaalwijze.',
    );
  });

  it('carries the exemption code and text of each VAT group (BT-120/BT-121)', async () => {
    const exportInvoice: InvoiceDocument = structuredClone(businessBuyerPeppol);
    exportInvoice.buyer.address = {
      street: '1 Main St',
      postalCode: '10001',
      city: 'New York',
      countryCode: 'US',
    };
    for (const line of exportInvoice.lines) Object.assign(line, { vatCategory: 'G', vatRate: '0' });
    Object.assign(exportInvoice.allowancesCharges[0]!, { vatCategory: 'G', vatRate: '0' });
    exportInvoice.vatBreakdown = [
      {
        category: 'G',
        rate: '0',
        taxable: '292.65',
        vat: '0.00',
        exemptionReasonCode: 'VATEX-EU-G',
        exemptionReason: 'Export outside the EU, exempt (art. 146 Directive 2006/112/EC)',
        reporting: { kind: 'nl-return', box: '3a' },
      },
    ];
    exportInvoice.totals = { ...exportInvoice.totals, vat: '0.00', gross: '292.65', payable: '292.65' };

    const creditNote = renderUblInvoice(fullCredit(exportInvoice));

    expect(textsOf(creditNote, 'cbc:TaxExemptionReasonCode')).toEqual(['VATEX-EU-G']);
    expect(textsOf(creditNote, 'cbc:TaxExemptionReason')).toEqual([
      'Export outside the EU, exempt (art. 146 Directive 2006/112/EC)',
    ]);
    await expectValid(creditNote, 'CreditNote');
  });
});

describe('renderUblInvoice: documents in another currency (BT-6, BT-111)', () => {
  it('states EUR as tax currency and the VAT total in EUR in a second TaxTotal without subtotals', async () => {
    const xml = renderUblInvoice(usdInvoice);
    const [documentTotal, euroTotal] = elementsNamed(xml, 'cac:TaxTotal');

    await expectValid(xml, 'Invoice');
    expect(childText(xml, 'Invoice', 'cbc:DocumentCurrencyCode')).toBe('USD');
    expect(childText(xml, 'Invoice', 'cbc:TaxCurrencyCode')).toBe('EUR');
    expect(elementsNamed(xml, 'cac:TaxTotal')).toHaveLength(2); // PEPPOL-EN16931-R054
    expect(documentTotal?.getElementsByTagName('cac:TaxSubtotal')).toHaveLength(2);
    expect(euroTotal?.getElementsByTagName('cac:TaxSubtotal')).toHaveLength(0);
    const [euroAmount] = Array.from(euroTotal?.getElementsByTagName('cbc:TaxAmount') ?? []);
    expect([euroAmount?.getAttribute('currencyID'), euroAmount?.textContent]).toEqual(['EUR', '21.49']);
    expect(documentTotal?.getElementsByTagName('cbc:TaxAmount')[0]?.textContent).toBe('23.32');
  });

  it('gives every other amount the document currency (PEPPOL-EN16931-R051)', () => {
    const xml = renderUblInvoice(usdInvoice);
    const currencies = [
      'cbc:LineExtensionAmount',
      'cbc:TaxableAmount',
      'cbc:PayableAmount',
      'cbc:PriceAmount',
    ]
      .flatMap((name) => elementsNamed(xml, name))
      .map((element) => element.getAttribute('currencyID'));

    expect(currencies.length).toBeGreaterThan(5);
    expect(new Set(currencies)).toEqual(new Set(['USD']));
  });

  it('renders a credit note of a USD invoice with its EUR VAT, valid against the CreditNote schema', async () => {
    const xml = renderUblInvoice(fullCredit(usdInvoice));

    await expectValid(xml, 'CreditNote');
    expect(childText(xml, 'CreditNote', 'cbc:TaxCurrencyCode')).toBe('EUR');
    expect(textsOf(xml, 'cbc:TaxAmount')).toEqual(['23.32', '20.99', '2.33', '21.49']);
  });

  it('leaves the tax currency out of a EUR invoice', () => {
    const xml = renderUblInvoice(domesticMixedRates);

    expect(elementsNamed(xml, 'cbc:TaxCurrencyCode')).toHaveLength(0);
    expect(elementsNamed(xml, 'cac:TaxTotal')).toHaveLength(1);
  });
});
