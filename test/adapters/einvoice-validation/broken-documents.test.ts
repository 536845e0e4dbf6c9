import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EInvoiceValidation,
  NotAUblDocumentError,
  validateEInvoice,
} from '../../../src/adapters/einvoice-validation/validate-einvoice.js';
import { renderUblInvoice } from '../../../src/adapters/rendering/ubl-invoice.js';
import { GENERATED_DOCUMENTS } from './generated-documents.js';

/**
 * Deliberately broken copies of our own documents: each breaks one thing and must fail with exactly the rule
 * ids the official schematrons report for it (and, where a tolerance is at stake, pass just inside it).
 */

const rendered = (
  name: string,
  change: (document: (typeof GENERATED_DOCUMENTS)[string]) => void = () => {},
) => {
  const document = GENERATED_DOCUMENTS[name];
  if (document === undefined) throw new Error(`no generated document "${name}"`);
  const copy = structuredClone(document);
  change(copy);
  return renderUblInvoice(copy);
};

/** Replaces every match; a pattern that matches nothing is a broken test, not a broken document. */
const edit = (xml: string, pattern: RegExp | string, replacement: string): string => {
  const global =
    typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : pattern;
  if (!global.test(xml)) throw new Error(`nothing to edit: ${pattern}`);
  global.lastIndex = 0;
  return xml.replace(global, replacement);
};

const SELLER = /(<cac:AccountingSupplierParty>[\s\S]*?)<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/;
const BUYER_TAX = /(<cac:AccountingCustomerParty>[\s\S]*?)<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/;

const PEPPOL_NL = 'NL business on Peppol (KvK 0106), unpaid, English';
const PEPPOL_NL_IDEAL = 'NL business on Peppol (VAT 9944, no KvK), paid by iDEAL';
const NLCIUS_NL = 'NL business with KvK number, no Peppol id, unpaid';
const ICL = 'Intra-Community supply (K) to a verified DE business, shipping';
const EXEMPT = 'NL consumer, exempt service (E)';
const OUTSIDE_SCOPE = 'Service to a US business, outside scope (O)';
const PEPPOL_CREDIT_NOTE = 'Credit note: two of ten boxes for a Peppol business (set off)';
const USD = 'USD invoice to an NL consumer, VAT also in EUR';

/** [case, broken XML, exactly the rule ids of the errors] */
const BROKEN: readonly (readonly [string, () => string, readonly string[]])[] = [
  [
    'amount due does not add up',
    () => edit(rendered(PEPPOL_NL), /(<cbc:PayableAmount currencyID="EUR">)[\d.]+/, '$1999.99'),
    ['BR-CO-16'],
  ],
  [
    'line total (BT-106) is not the sum of the lines',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cac:LegalMonetaryTotal>\s*<cbc:LineExtensionAmount currencyID="EUR">)[\d.]+/,
        '$1300.00',
      ),
    ['BR-CO-10', 'BR-CO-13'],
  ],
  [
    'VAT total is not the sum of the breakdown',
    () => edit(rendered(PEPPOL_NL), /(<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">)[\d.]+/, '$160.00'),
    ['BR-CO-14', 'BR-CO-15'],
  ],
  [
    'standard-rated taxable amount off by 2.00 (BR-S-08 allows ± 1)',
    () => edit(rendered(PEPPOL_NL), '>235.16<', '>237.16<'),
    ['BR-S-08'],
  ],
  [
    'standard-rated VAT 1.00 off (BR-CO-17 allows less than 1)',
    () => edit(edit(rendered(PEPPOL_NL_IDEAL), '>31.50<', '>32.50<'), '>181.50<', '>182.50<'),
    ['BR-CO-17', 'BR-S-09'],
  ],
  [
    'line net 0.03 away from quantity × price (R120 allows 0.02)',
    () => edit(rendered(PEPPOL_NL), '>24.50<', '>24.503<'),
    ['PEPPOL-EN16931-R120'],
  ],
  [
    'standard-rated lines without the seller VAT id',
    () => edit(rendered(PEPPOL_NL), SELLER, '$1'),
    ['BR-S-02', 'BR-S-03'],
  ],
  [
    'intra-Community supply without the buyer VAT id',
    () => edit(rendered(ICL), BUYER_TAX, '$1'),
    ['BR-IC-02', 'BR-IC-04'],
  ],
  [
    'intra-Community supply without delivery date',
    () => edit(rendered(ICL), /<cbc:ActualDeliveryDate>[^<]*<\/cbc:ActualDeliveryDate>/, ''),
    ['BR-IC-11'],
  ],
  [
    'exempt breakdown without exemption reason',
    () => edit(rendered(EXEMPT), /<cbc:TaxExemptionReason>[^<]*<\/cbc:TaxExemptionReason>/, ''),
    ['BR-E-10'],
  ],
  [
    'standard-rated breakdown with an exemption reason',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cbc:Percent>21<\/cbc:Percent>)(\s*<cac:TaxScheme>)(?=[\s\S]*<\/cac:TaxTotal>)(?![\s\S]*<cac:TaxTotal>)/,
        '$1<cbc:TaxExemptionReason>Vrijgesteld</cbc:TaxExemptionReason>$2',
      ),
    ['BR-S-10'],
  ],
  [
    'outside-scope invoice naming the buyer VAT id',
    () =>
      edit(
        rendered(OUTSIDE_SCOPE),
        /(<cac:AccountingCustomerParty>[\s\S]*?)(<cac:PartyLegalEntity>)/,
        '$1<cac:PartyTaxScheme><cbc:CompanyID>US123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>$2',
      ),
    ['BR-O-02'],
  ],
  [
    'NLCIUS: Dutch seller without KvK number',
    () =>
      edit(
        rendered(NLCIUS_NL),
        /(<cac:AccountingSupplierParty>[\s\S]*?<cbc:RegistrationName>[^<]*<\/cbc:RegistrationName>)\s*<cbc:CompanyID[^>]*>[^<]*<\/cbc:CompanyID>/,
        '$1',
      ),
    ['BR-NL-1'],
  ],
  [
    'Peppol: Dutch seller with a legal id that is no KvK or OIN number',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cac:AccountingSupplierParty>[\s\S]*?<cbc:CompanyID schemeID=")0106/,
        '$10088',
      ),
    ['NL-R-003', 'PEPPOL-COMMON-R040'],
  ],
  [
    'NLCIUS: Dutch buyer without KvK number',
    () =>
      edit(
        rendered(NLCIUS_NL),
        /(<cac:AccountingCustomerParty>[\s\S]*?<cbc:RegistrationName>[^<]*<\/cbc:RegistrationName>)\s*<cbc:CompanyID[^>]*>[^<]*<\/cbc:CompanyID>/,
        '$1',
      ),
    ['BR-NL-10'],
  ],
  [
    'Peppol: Dutch seller address without postal code',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cac:AccountingSupplierParty>[\s\S]*?)<cbc:PostalZone>[^<]*<\/cbc:PostalZone>/,
        '$1',
      ),
    ['NL-R-002'],
  ],
  [
    'Peppol: credit note of a Dutch seller without billing reference',
    () => edit(rendered(PEPPOL_CREDIT_NOTE), /<cac:BillingReference>[\s\S]*?<\/cac:BillingReference>/, ''),
    ['NL-R-001'],
  ],
  [
    'Peppol: online payment service code 68 between Dutch parties',
    () => edit(rendered(PEPPOL_NL_IDEAL), '>57</cbc:PaymentMeansCode>', '>68</cbc:PaymentMeansCode>'),
    ['NL-R-008'],
  ],
  [
    'NLCIUS: credit card code 54 from a Dutch seller',
    () => edit(rendered(NLCIUS_NL), '>58</cbc:PaymentMeansCode>', '>54</cbc:PaymentMeansCode>'),
    ['BR-NL-12'],
  ],
  [
    'NLCIUS: amount due without payment means',
    () => edit(rendered(NLCIUS_NL), /<cac:PaymentMeans>[\s\S]*?<\/cac:PaymentMeans>/, ''),
    ['BR-NL-11'],
  ],
  [
    'credit transfer without the IBAN',
    () => edit(rendered(PEPPOL_NL), /<cac:PayeeFinancialAccount>[\s\S]*?<\/cac:PayeeFinancialAccount>/, ''),
    ['BR-61'],
  ],
  [
    'a taxable amount with three decimals',
    () => edit(rendered(PEPPOL_NL), '>235.16<', '>235.160<'),
    ['BR-DEC-19', 'UBL-DT-01'],
  ],
  [
    'a line net amount with three decimals',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cac:InvoiceLine>\s*<cbc:ID>1<\/cbc:ID>\s*<cbc:InvoicedQuantity[^>]*>[^<]*<\/cbc:InvoicedQuantity>\s*<cbc:LineExtensionAmount currencyID="EUR">[\d.]+)/,
        '$10',
      ),
    ['BR-DEC-23', 'UBL-DT-01'],
  ],
  [
    'Peppol: two VAT totals without a tax currency code',
    () =>
      edit(
        rendered(USD, (doc) => Object.assign(doc.buyer, { peppolId: '0106:87654321' })),
        /<cbc:TaxCurrencyCode>EUR<\/cbc:TaxCurrencyCode>/,
        '',
      ),
    ['PEPPOL-EN16931-R054'],
  ],
  [
    'tax currency code without the VAT total in it',
    () =>
      edit(
        rendered(USD),
        /<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">[^<]*<\/cbc:TaxAmount>\s*<\/cac:TaxTotal>/,
        '',
      ),
    ['BR-53'],
  ],
  [
    'Peppol: two document notes',
    () => edit(rendered(PEPPOL_CREDIT_NOTE), /(<cbc:Note>)/, '<cbc:Note>Extra</cbc:Note>$1'),
    ['PEPPOL-EN16931-R002'],
  ],
  [
    'Peppol: an empty element',
    () =>
      edit(
        rendered(PEPPOL_NL),
        '<cbc:BuyerReference>',
        '<cbc:AccountingCost></cbc:AccountingCost><cbc:BuyerReference>',
      ),
    ['PEPPOL-EN16931-R008'],
  ],
  [
    'Peppol: buyer without electronic address',
    () =>
      edit(
        rendered(PEPPOL_NL),
        /(<cac:AccountingCustomerParty>\s*<cac:Party>)\s*<cbc:EndpointID[^>]*>[^<]*<\/cbc:EndpointID>/,
        '$1',
      ),
    ['PEPPOL-EN16931-R010'],
  ],
  [
    'Peppol: a business process id in the wrong format',
    () => edit(rendered(PEPPOL_NL), 'billing:01:1.0', 'billing:1:1.0'),
    ['PEPPOL-EN16931-R007'],
  ],
  [
    'a VAT id without country prefix',
    () =>
      edit(
        rendered(PEPPOL_NL),
        '<cbc:CompanyID>NL987654321B02</cbc:CompanyID>',
        '<cbc:CompanyID>987654321B02</cbc:CompanyID>',
      ),
    ['BR-CO-09'],
  ],
  [
    'an unknown VAT category',
    () => edit(rendered(EXEMPT), /(<cac:ClassifiedTaxCategory>\s*<cbc:ID>)E/, '$1X'),
    ['BR-CL-18', 'BR-E-08'],
  ],
  [
    'no invoice number: schema and BR-02',
    () => edit(rendered(PEPPOL_NL), /<cbc:ID>VW-2026-000101<\/cbc:ID>\s*<cbc:IssueDate>/, '<cbc:IssueDate>'),
    ['UBL-XSD', 'BR-02'],
  ],
];

/** Just inside the official tolerances: these copies must stay valid. */
const TOLERATED: readonly (readonly [string, () => string])[] = [
  [
    'standard-rated VAT 0.99 off (BR-CO-17, BR-S-09)',
    () => edit(edit(rendered(PEPPOL_NL_IDEAL), '>31.50<', '>32.49<'), '>181.50<', '>182.49<'),
  ],
  ['line net 0.02 away from quantity × price (R120)', () => edit(rendered(PEPPOL_NL), '>24.50<', '>24.502<')],
];

describe('validateEInvoice on broken copies of our documents', () => {
  const results = new Map<string, EInvoiceValidation>();
  beforeAll(async () => {
    const cases = [...BROKEN, ...TOLERATED];
    const validated = await Promise.all(cases.map(([, xml]) => validateEInvoice(xml())));
    for (const [i, [name]] of cases.entries()) results.set(name, validated[i]!);
  });

  it.each(BROKEN.map(([name, , rules]) => [name, rules] as const))('%s → %j', (name, rules) => {
    const result = results.get(name)!;
    expect(result.valid).toBe(false);
    expect([...new Set(result.errors.map((finding) => finding.ruleId))].sort()).toEqual([...rules].sort());
    expect(result.errors.every((finding) => finding.flag === 'fatal' && finding.message !== '')).toBe(true);
  });

  it.each(TOLERATED.map(([name]) => name))('%s is still valid', (name) => {
    expect(results.get(name)!.errors).toEqual([]);
  });

  it('locates a business rule finding by the XPath of the element it fired on', () => {
    const [finding] = results.get('exempt breakdown without exemption reason')!.errors;
    expect(finding).toEqual({
      ruleId: 'BR-E-10',
      flag: 'fatal',
      message: expect.stringContaining('"Exempt from VAT" shall have a VAT exemption reason code (BT-121)'),
      location: '/Invoice/cac:TaxTotal[1]/cac:TaxSubtotal[1]/cac:TaxCategory[1]',
    });
  });

  it('refuses XML that is not a UBL Invoice or CreditNote', async () => {
    await expect(validateEInvoice('<Order xmlns="urn:x"/>')).rejects.toBeInstanceOf(NotAUblDocumentError);
    await expect(validateEInvoice('<Invoice>')).rejects.toBeInstanceOf(NotAUblDocumentError);
  });
});
