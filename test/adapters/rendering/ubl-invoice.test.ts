import { describe, expect, it } from 'vitest';
import { renderUblInvoice } from '../../../src/adapters/rendering/ubl-invoice.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { validateAgainstUblXsd } from '../../support/ubl-xsd.js';
import { childText, elementsNamed, textsOf } from './xml-query.js';

const PEPPOL_BIS_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const NLCIUS = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
const EN16931 = 'urn:cen.eu:en16931:2017';

const variant = (base: InvoiceDocument, change: (invoice: InvoiceDocument) => void): InvoiceDocument => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

const expectSchemaValid = async (xml: string) => {
  const result = await validateAgainstUblXsd(xml);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
};

describe('renderUblInvoice', () => {
  it.each([
    ['consumer, mixed rates', domesticMixedRates],
    ['business buyer on Peppol', businessBuyerPeppol],
  ])('%s validates against the UBL 2.1 Invoice schema', async (_name, invoice) => {
    await expectSchemaValid(renderUblInvoice(invoice));
  });

  it('fails the schema once the mandatory invoice number is removed', async () => {
    const xml = renderUblInvoice(domesticMixedRates).replace(/\s*<cbc:ID>VW-2025-000123<\/cbc:ID>/, '');

    const result = await validateAgainstUblXsd(xml);

    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/IssueDate.*not expected/);
  });

  it('is not a valid CreditNote', async () => {
    const result = await validateAgainstUblXsd(renderUblInvoice(domesticMixedRates), 'CreditNote');

    expect(result.valid).toBe(false);
  });

  it('states the header, references and totals of the invoice', () => {
    const invoice = businessBuyerPeppol;
    const xml = renderUblInvoice(invoice);

    expect(childText(xml, 'Invoice', 'cbc:ID')).toBe('VW-2025-000124');
    expect(childText(xml, 'Invoice', 'cbc:IssueDate')).toBe('2025-03-17');
    expect(childText(xml, 'Invoice', 'cbc:DueDate')).toBe('2025-04-16');
    expect(childText(xml, 'Invoice', 'cbc:InvoiceTypeCode')).toBe('380');
    expect(childText(xml, 'Invoice', 'cbc:ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(childText(xml, 'Invoice', 'cbc:DocumentCurrencyCode')).toBe('EUR');
    expect(childText(xml, 'Invoice', 'cbc:BuyerReference')).toBe('PO-2025-0815');
    expect(childText(xml, 'cac:OrderReference', 'cbc:ID')).toBe('WC-88213');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:LineExtensionAmount')).toBe('304.90');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:TaxExclusiveAmount')).toBe('292.65');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:TaxInclusiveAmount')).toBe('346.92');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:AllowanceTotalAmount')).toBe('12.25');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:ChargeTotalAmount')).toBeUndefined();
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:PrepaidAmount')).toBeUndefined();
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe('346.92');
    expect(childText(xml, 'cac:TaxTotal', 'cbc:TaxAmount')).toBe('54.27');
  });

  it('writes one TaxSubtotal per VAT breakdown entry and one InvoiceLine per line', () => {
    for (const invoice of [domesticMixedRates, businessBuyerPeppol]) {
      const xml = renderUblInvoice(invoice);

      expect(elementsNamed(xml, 'cac:TaxTotal')).toHaveLength(1);
      expect(elementsNamed(xml, 'cac:TaxSubtotal')).toHaveLength(invoice.vatBreakdown.length);
      expect(textsOf(xml, 'cbc:TaxableAmount')).toEqual(invoice.vatBreakdown.map((entry) => entry.taxable));
      expect(elementsNamed(xml, 'cac:InvoiceLine')).toHaveLength(invoice.lines.length);
    }
  });

  it('gives every amount the document currency (PEPPOL-EN16931-R051) and leaves no element empty (R008)', () => {
    const xml = renderUblInvoice(domesticMixedRates);
    const amounts = elementsNamed(xml, 'cbc:Amount').concat(
      elementsNamed(xml, 'cbc:PriceAmount'),
      elementsNamed(xml, 'cbc:TaxAmount'),
      elementsNamed(xml, 'cbc:PayableAmount'),
    );

    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts.map((element) => element.getAttribute('currencyID'))).toEqual(amounts.map(() => 'EUR'));
    expect(xml).not.toMatch(/<[\w:]+[^>]*\/>/);
    expect(xml).not.toContain('BuyerReference');
  });

  it('picks the specification: Peppol BIS for a Peppol buyer, NLCIUS where its buyer rules hold, else EN 16931', () => {
    const specificationOf = (invoice: InvoiceDocument) =>
      childText(renderUblInvoice(invoice), 'Invoice', 'cbc:CustomizationID');
    const foreignSeller = variant(domesticMixedRates, (invoice) => {
      invoice.seller.address = {
        street: 'Rue Neuve 1',
        postalCode: '1000',
        city: 'Bruxelles',
        countryCode: 'BE',
      };
    });
    const dutchBusinessWithKvk = variant(businessBuyerPeppol, (invoice) => {
      delete invoice.buyer.peppolId;
    });
    const belgianConsumer = variant(domesticMixedRates, (invoice) => {
      invoice.buyer.address = { street: 'Meir 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' };
    });

    expect(specificationOf(businessBuyerPeppol)).toBe(PEPPOL_BIS_3);
    expect(specificationOf(dutchBusinessWithKvk)).toBe(NLCIUS);
    expect(specificationOf(belgianConsumer)).toBe(NLCIUS);
    // BR-NL-10: NLCIUS needs a Dutch buyer's KvK or OIN number, which a consumer does not have.
    expect(specificationOf(domesticMixedRates)).toBe(EN16931);
    expect(specificationOf(foreignSeller)).toBe(EN16931);
  });

  it('addresses both parties by Peppol id or KvK number and registers their VAT ids', () => {
    const xml = renderUblInvoice(businessBuyerPeppol);
    const endpoints = elementsNamed(xml, 'cbc:EndpointID');

    expect(endpoints.map((element) => [element.getAttribute('schemeID'), element.textContent])).toEqual([
      ['0106', '12345678'],
      ['0106', '87654321'],
    ]);
    expect(textsOf(xml, 'cbc:RegistrationName')).toEqual([
      'Voorbeeld Webwinkel B.V.',
      'Kantoorartikelen Jansen B.V.',
    ]);
    expect(textsOf(xml, 'cbc:CompanyID')).toEqual([
      'NL859999999B01',
      '12345678',
      'NL987654321B02',
      '87654321',
    ]);
    expect(childText(xml, 'cac:PayeeFinancialAccount', 'cbc:ID')).toBe('NL91ABNA0417164300');
    expect(childText(xml, 'cac:PaymentMeans', 'cbc:PaymentID')).toBe('VW-2025-000124');
  });

  it('gives a consumer no endpoint and states a card payment made at checkout as prepaid', () => {
    const xml = renderUblInvoice(domesticMixedRates);

    expect(elementsNamed(xml, 'cbc:EndpointID')).toHaveLength(1);
    expect(elementsNamed(xml, 'cac:PayeeFinancialAccount')).toHaveLength(0);
    expect(childText(xml, 'cac:PaymentMeans', 'cbc:PaymentMeansCode')).toBe('48');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:PrepaidAmount')).toBe('346.35');
    expect(childText(xml, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe('0.00');
    expect(childText(xml, 'cac:Delivery', 'cbc:ActualDeliveryDate')).toBe('2025-03-13');
  });

  it.each([
    ['card', '54', '48', 'Card'],
    ['debit_card', '55', '48', 'Debit card'],
    ['ideal', '68', '57', 'iDEAL'],
    ['paypal', '68', '57', 'PayPal'],
    ['cash', '10', '57', 'Cash'],
    ['sepa_direct_debit', '59', '57', 'SEPA direct debit'],
  ])(
    'states a checkout payment by %s (%s) as a code Dutch rules allow (NL-R-008, BR-NL-12): %s, named %s',
    (method, recorded, stated, name) => {
      const invoice = variant(businessBuyerPeppol, (draft) => {
        draft.payment = { status: 'paid', method, meansCode: recorded, paidAt: '2025-03-17T10:00:00Z' };
      });
      const [code] = elementsNamed(renderUblInvoice(invoice), 'cbc:PaymentMeansCode');

      expect([code?.textContent, code?.getAttribute('name')]).toEqual([stated, name]);
      expect(elementsNamed(renderUblInvoice(invoice), 'cac:PayeeFinancialAccount')).toHaveLength(0);
    },
  );

  it('keeps SEPA credit transfer (58) with the IBAN and without a payment means text', () => {
    const [code] = elementsNamed(renderUblInvoice(businessBuyerPeppol), 'cbc:PaymentMeansCode');

    expect([code?.textContent, code?.hasAttribute('name')]).toEqual(['58', false]);
  });

  it('states the price for the whole quantity when the 4-decimal unit price drifts beyond PEPPOL-EN16931-R120', () => {
    const invoice = variant(businessBuyerPeppol, (draft) => {
      // 5000 × 0.99 incl. 21 %: net 4090.91, unit price 0.8182 (4 decimals) × 5000 = 4091.00
      Object.assign(draft.lines[0]!, {
        quantity: '5000',
        unitCode: 'H87',
        unitPrice: '0.8182',
        net: '4090.91',
      });
    });
    const [firstLine, secondLine] = elementsNamed(renderUblInvoice(invoice), 'cac:Price');
    const priceOf = (price: Element | undefined) => [
      price?.getElementsByTagName('cbc:PriceAmount')[0]?.textContent,
      price?.getElementsByTagName('cbc:BaseQuantity')[0]?.getAttribute('unitCode'),
      price?.getElementsByTagName('cbc:BaseQuantity')[0]?.textContent,
    ];

    expect(priceOf(firstLine)).toEqual(['4090.91', 'H87', '5000']);
    expect(priceOf(secondLine)).toEqual(['29.95', undefined, undefined]);
  });

  it('writes a line discount as a line allowance with reason code 95 and keeps the unit price precision', () => {
    const xml = renderUblInvoice(domesticMixedRates);
    const [firstLine] = elementsNamed(xml, 'cac:InvoiceLine');
    const lineAllowance = firstLine?.getElementsByTagName('cac:AllowanceCharge')[0];

    expect(lineAllowance?.getElementsByTagName('cbc:ChargeIndicator')[0]?.textContent).toBe('false');
    expect(lineAllowance?.getElementsByTagName('cbc:AllowanceChargeReasonCode')[0]?.textContent).toBe('95');
    expect(lineAllowance?.getElementsByTagName('cbc:Amount')[0]?.textContent).toBe('25.00');
    expect(textsOf(xml, 'cbc:PriceAmount')).toEqual(['249.00', '14.95', '7.4950']);
  });

  it('joins several notes into the single note Peppol allows (PEPPOL-EN16931-R002)', () => {
    const invoice = variant(domesticMixedRates, (draft) => {
      draft.notes = ['Bedankt!', 'Retour binnen 14 dagen.'];
    });

    expect(textsOf(renderUblInvoice(invoice), 'cbc:Note')).toEqual(['Bedankt!\nRetour binnen 14 dagen.']);
  });

  it('escapes markup characters and keeps emoji and CJK text intact', async () => {
    const tricky = 'Jansen & Zn. <"Test"> \'t Hoekje 😀 東京';
    const invoice = variant(businessBuyerPeppol, (draft) => {
      draft.buyer.name = tricky;
      draft.lines[0]!.description = tricky;
      draft.buyerReference = 'a&b<c>"d"';
    });

    const xml = renderUblInvoice(invoice);

    expect(xml).toContain('Jansen &amp; Zn. &lt;"Test"&gt;');
    expect(xml).not.toContain('<"Test">');
    expect(textsOf(xml, 'cbc:RegistrationName')[1]).toBe(tricky);
    expect(textsOf(xml, 'cbc:Name')).toContain(tricky);
    expect(childText(xml, 'Invoice', 'cbc:BuyerReference')).toBe('a&b<c>"d"');
    await expectSchemaValid(xml);
  });

  it('replaces control characters XML 1.0 cannot carry, so the document still parses', () => {
    const invoice = variant(domesticMixedRates, (draft) => {
      draft.buyer.name = 'Bell\u0007 Name';
    });

    expect(textsOf(renderUblInvoice(invoice), 'cbc:RegistrationName')[1]).toBe('Bell\uFFFD Name');
  });

  it('states Percent 0 and the exemption for an intra-Community supply (category K)', async () => {
    const invoice = variant(businessBuyerPeppol, (draft) => {
      draft.buyer.address = { street: 'Meir 1', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' };
      draft.buyer.vatId = 'BE0123456749';
      draft.buyer.peppolId = '9925:BE0123456749';
      for (const line of draft.lines) Object.assign(line, { vatCategory: 'K', vatRate: '0' });
      Object.assign(draft.allowancesCharges[0]!, { vatCategory: 'K', vatRate: '0' });
      draft.vatBreakdown = [
        {
          category: 'K',
          rate: '0',
          taxable: '292.65',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          exemptionReason: 'Intra-Community supply',
          reporting: { kind: 'nl-return', box: '3b' },
          icp: 'goods',
        },
      ];
    });

    const xml = renderUblInvoice(invoice);

    expect(textsOf(xml, 'cbc:Percent')).toEqual(['0', '0', '0', '0']);
    expect(textsOf(xml, 'cbc:TaxExemptionReasonCode')).toEqual(['VATEX-EU-IC']);
    expect(textsOf(xml, 'cbc:TaxExemptionReason')).toEqual(['Intra-Community supply']);
    expect(elementsNamed(xml, 'cbc:EndpointID')[1]?.getAttribute('schemeID')).toBe('9925');
    await expectSchemaValid(xml);
  });

  it('omits the rate and both VAT ids on an outside-scope invoice (BR-O-05, BR-O-02)', async () => {
    const invoice = variant(domesticMixedRates, (draft) => {
      for (const line of draft.lines) Object.assign(line, { vatCategory: 'O', vatRate: '0' });
      for (const entry of draft.allowancesCharges) Object.assign(entry, { vatCategory: 'O', vatRate: '0' });
      draft.buyer.vatId = 'NL987654321B02';
      draft.vatBreakdown = [
        {
          category: 'O',
          rate: '0',
          taxable: '290.79',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-O',
          reporting: { kind: 'outside-scope' },
        },
      ];
    });

    const xml = renderUblInvoice(invoice);

    expect(elementsNamed(xml, 'cbc:Percent')).toHaveLength(0);
    expect(elementsNamed(xml, 'cac:PartyTaxScheme')).toHaveLength(0);
    await expectSchemaValid(xml);
  });
});
