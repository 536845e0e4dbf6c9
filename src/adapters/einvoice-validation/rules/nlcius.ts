import { type Check, fatal, type Rule, warning } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { exists, normalizeSpace, select, textOf, type XmlElement } from '../xml-tree.js';
import { decimalOf } from '../xpath-numbers.js';
import { chargeIndicator } from './ubl-terms.js';

/**
 * NLCIUS / SI-UBL 2.0 rules (Stichting Simplerinvoicing / Peppol Autoriteit NL, `si-ubl-2.0-nlcius.sch`,
 * release 2.0.3.12 of 2025-11-27): BR-NL-1…BR-NL-35 with the ids that schematron uses. They apply to documents
 * whose CustomizationID is the NLCIUS one; most only when the supplier is in the Netherlands (`$s`).
 * Peppol BIS carries a subset of them as NL-R-001…009 (peppol-nl.ts), which reuses the checks below.
 */

/** `contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0106 ')` or 0190: a KvK or OIN number. */
export const hasKvkOrOinScheme = (companyIds: readonly XmlElement[]): boolean =>
  companyIds.some((id) => ` ${id.attributes.schemeID ?? ''} `.includes(' 0106 ')) ||
  companyIds.some((id) => ` ${id.attributes.schemeID ?? ''} `.includes(' 0190 '));

/** BR-NL-3/4/5, NL-R-002/004/006: a Dutch address names street, city and postal code. */
export const hasStreetCityPostcode: Check = (address) =>
  exists(address, 'cbc:StreetName') && exists(address, 'cbc:CityName') && exists(address, 'cbc:PostalZone');

/** BR-NL-12, NL-R-008: UNCL4461 30, 48, 49, 57, 58 or 59 (credit transfer, bank card, direct debit, SEPA). */
const DUTCH_PAYMENT_MEANS: readonly string[] = ['30', '48', '49', '57', '58', '59'];
export const usesDutchPaymentMeans: Check = (means) =>
  DUTCH_PAYMENT_MEANS.includes(normalizeSpace(textOf(means, 'cbc:PaymentMeansCode') ?? ''));

/** BR-NL-11, NL-R-007: an amount the customer must still pay comes with payment means. */
export const paymentMeansWhenDue: Check = (total, doc) =>
  (decimalOf(total, 'cbc:PayableAmount')?.lte(0) ?? false) || doc.descendants('cac:PaymentMeans').length > 0;

/** BR-NL-13, NL-R-009. */
export const orderReferenceForLineReference: Check = (_lineId, doc) =>
  exists(doc.root, 'cac:OrderReference/cbc:ID');

/** `cac:Country/cbc:IdentificationCode != 'NL'`: a country is given and it is another one. */
const notDutch = (address: XmlElement) =>
  select(address, 'cac:Country/cbc:IdentificationCode').some((code) => code.value !== 'NL');

/** `$s`: the supplier is in the Netherlands (the family as a whole applies to NLCIUS documents only). */
const dutchSupplier: Check = (_node, doc) => doc.sellerCountry === 'NL';

const TYPE_CODE = 'cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode';

const FATAL: Rule[] = [
  fatal(
    'BR-NL-1',
    'For suppliers in the Netherlands the supplier MUST provide either a KVK or OIN number for its legal entity identifier (cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID with schemeID 0106 or 0190)',
    'cac:AccountingSupplierParty/cac:Party',
    (party) => {
      const ids = select(party, 'cac:PartyLegalEntity/cbc:CompanyID');
      return hasKvkOrOinScheme(ids) && ids.some((id) => normalizeSpace(id.value) !== '');
    },
    dutchSupplier,
  ),
  fatal(
    'BR-NL-2',
    'For suppliers in the Netherlands, the invoice MUST contain either the buyer reference (cbc:BuyerReference) or the order reference (cac:OrderReference/cbc:ID)',
    '/*',
    (root) => exists(root, 'cbc:BuyerReference') || exists(root, 'cac:OrderReference/cbc:ID'),
    dutchSupplier,
  ),
  fatal(
    'BR-NL-3',
    "For suppliers in the Netherlands the supplier's address (cac:AccountingSupplierParty/cac:Party/cac:PostalAddress) MUST contain street name (cbc:StreetName), city (cbc:CityName) and postal zone (cbc:PostalZone)",
    'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress',
    hasStreetCityPostcode,
    dutchSupplier,
  ),
  fatal(
    'BR-NL-4',
    'For suppliers in the Netherlands, if the customer is in the Netherlands, the customer address (cac:AccountingCustomerParty/cac:Party/cac:PostalAddress) MUST contain the street name (cbc:StreetName), the city (cbc:CityName) and the postal zone (cbc:PostalZone)',
    'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress',
    (address, doc) => notDutch(address) || hasStreetCityPostcode(address, doc),
    dutchSupplier,
  ),
  fatal(
    'BR-NL-5',
    "For suppliers in the Netherlands, if the fiscal representative is in the Netherlands, the representative's address (cac:TaxRepresentativeParty/cac:PostalAddress) MUST contain street name (cbc:StreetName), city (cbc:CityName) and postal zone (cbc:PostalZone)",
    'cac:TaxRepresentativeParty/cac:PostalAddress',
    (address, doc) => notDutch(address) || hasStreetCityPostcode(address, doc),
    dutchSupplier,
  ),
  fatal(
    'BR-NL-7',
    'The invoice or credit note type code (cbc:InvoiceTypeCode/cbc:CreditNoteTypeCode) MUST have one of the following values: 380, 381, 384, 389',
    TYPE_CODE,
    (code) => ['380', '381', '384', '389'].includes(code.value),
    dutchSupplier,
  ),
  fatal(
    'BR-NL-8',
    'If the invoice type code (cbc:InvoiceTypeCode) is 381, the document MUST use the CreditNote scheme',
    TYPE_CODE,
    (code, doc) => code.value !== '381' || doc.type === 'CreditNote',
    dutchSupplier,
  ),
  fatal(
    'BR-NL-8',
    'If the credit note type code (cbc:CreditNoteTypeCode) is 380, 384 or 389, the document MUST use the Invoice scheme',
    TYPE_CODE,
    (code, doc) => code.value === '381' || doc.type === 'Invoice',
    dutchSupplier,
  ),
  fatal(
    'BR-NL-9',
    'For suppliers in the Netherlands, if the document is a corrective invoice (cbc:InvoiceTypeCode = 384), the document MUST contain an invoice reference (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)',
    TYPE_CODE,
    (code, doc) =>
      code.value !== '384' || exists(doc.root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
    dutchSupplier,
  ),
  fatal(
    'BR-NL-10',
    "For suppliers in the Netherlands, if the customer is in the Netherlands, the customer's legal entity identifier (cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID) MUST be either a KVK (schemeID=0106) or OIN number (schemeID=0190)",
    'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity',
    (entity, doc) => {
      const customer = 'cac:AccountingCustomerParty/cac:Party';
      const dutchCustomer = select(
        doc.root,
        `${customer}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`,
      ).some((code) => code.value === 'NL');
      const ids = select(doc.root, `${customer}/cac:PartyLegalEntity/cbc:CompanyID`);
      const own = select(entity, 'cbc:CompanyID');
      return (
        (!dutchCustomer || hasKvkOrOinScheme(ids)) &&
        (own.length === 0 || own.some((id) => normalizeSpace(id.value) !== ''))
      );
    },
    dutchSupplier,
  ),
  fatal(
    'BR-NL-11',
    'For suppliers in the Netherlands, the supplier MUST provide a means of payment (cac:PaymentMeans) if the payment is from customer to supplier',
    '/Invoice/cac:LegalMonetaryTotal',
    paymentMeansWhenDue,
    dutchSupplier,
  ),
  fatal(
    'BR-NL-12',
    'For suppliers in the Netherlands, the payment means code (cac:PaymentMeans/cbc:PaymentMeansCode) MUST be one of 30, 48, 49, 57, 58 or 59',
    'cac:PaymentMeans',
    usesDutchPaymentMeans,
    dutchSupplier,
  ),
  fatal(
    'BR-NL-13',
    'If an order line reference (BT-132) is used, there must be an order reference on the document level (BT-13)',
    'cac:OrderLineReference/cbc:LineID',
    orderReferenceForLineReference,
  ),
];

/** [id, message, context] of the "not recommended" elements: any occurrence is a warning. */
const DISCOURAGED: readonly (readonly [string, string, string])[] = [
  [
    'BR-NL-19',
    'The use of a tax currency code (cbc:TaxCurrencyCode) is not recommended',
    'cbc:TaxCurrencyCode',
  ],
  [
    'BR-NL-20',
    'The use of a tax point date (cbc:TaxPointDate) is not recommended, and its value will be ignored',
    'cbc:TaxPointDate',
  ],
  [
    'BR-NL-21',
    'The use of a tax point date code (cac:InvoicePeriod/cbc:DescriptionCode) is not recommended, and its value will be ignored',
    'cac:InvoicePeriod/cbc:DescriptionCode',
  ],
  [
    'BR-NL-24',
    'The use of a preceding invoice issue date (cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate) is not recommended',
    'cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate',
  ],
  [
    'BR-NL-26',
    'The use of the seller additional legal information field (cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm) is not recommended, since this is not applicable for suppliers in the Netherlands',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm',
  ],
  ...(
    [
      ['1', 'seller', 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress'],
      ['2', 'customer', 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress'],
      ['3', 'tax representative', 'cac:TaxRepresentativeParty/cac:PostalAddress'],
      ['4', 'delivery', 'cac:Delivery/cac:DeliveryLocation/cac:Address'],
    ] as const
  ).flatMap(([n, who, address]) => [
    [
      `BR-NL-27-${n}`,
      `The use of the ${who} address line 3 (${address}/cac:AddressLine/cbc:Line) is not recommended`,
      `${address}/cac:AddressLine/cbc:Line`,
    ] as const,
    [
      `BR-NL-28-${n}`,
      `The use of a country subdivision (${address}/cbc:CountrySubentity) is not recommended`,
      `${address}/cbc:CountrySubentity`,
    ] as const,
  ]),
  [
    'BR-NL-30',
    'The use of a payment account name (cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:Name) is not recommended',
    'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:Name',
  ],
  [
    'BR-NL-35',
    'The use of a tax exemption reason code (cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode) is not recommended',
    'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode',
  ],
];

/**
 * BR-NL-32 (allowance reason codes) and BR-NL-34 (charge reason codes). Upstream both are declared with the
 * ids BR-NL-32-1…3 on the same contexts, so the BR-NL-34 asserts are shadowed and never fire; we report a
 * charge reason code as BR-NL-34-n, as the rule text and the SI-UBL test set (`BR-NL-34_warning_*`) intend.
 * The suffix is the context: 1 document level, 2 invoice line, 3 credit note line.
 */
const reasonCodeRule = (charge: boolean, n: string, owner: string): Rule => {
  const what = charge ? 'a charge' : 'an allowance';
  const context = owner === '' ? 'cac:AllowanceCharge' : `${owner}/cac:AllowanceCharge`;
  return warning(
    `BR-NL-${charge ? '34' : '32'}-${n}`,
    `The use of ${what} reason code (${context}/cbc:AllowanceChargeReasonCode) is not recommended`,
    `${context}/cbc:AllowanceChargeReasonCode`,
    () => false,
    (code, doc) =>
      doc.sellerCountry === 'NL' &&
      code.parent !== undefined &&
      chargeIndicator(code.parent) === charge &&
      (owner !== '' || code.parent.parent?.parent === undefined),
  );
};

const WARNINGS: Rule[] = [
  ...DISCOURAGED.map(([id, message, context]) => warning(id, message, context, () => false, dutchSupplier)),
  warning(
    'BR-NL-25',
    'The use of a seller tax registration identifier (cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID) is not recommended when the tax scheme is not VAT, since this is not applicable to suppliers in the Netherlands',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme',
    (scheme) => !exists(scheme, 'cbc:CompanyID') || textOf(scheme, 'cac:TaxScheme/cbc:ID') === 'VAT',
    dutchSupplier,
  ),
  warning(
    'BR-NL-29',
    'The use of a payment means text (cac:PaymentMeans/cbc:PaymentMeansCode/@name) is not recommended',
    'cac:PaymentMeans/cbc:PaymentMeansCode',
    (code) => code.attributes.name === undefined,
    dutchSupplier,
  ),
  warning(
    'BR-NL-31',
    'The use of a payment service provider identifier (cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID) is not recommended for SEPA payments (cac:PaymentMeans/cbc:PaymentMeansCode = 58 or 59)',
    'cac:PaymentMeans',
    (means) =>
      !['58', '59'].includes(normalizeSpace(textOf(means, 'cbc:PaymentMeansCode') ?? '')) ||
      !exists(means, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID'),
    dutchSupplier,
  ),
  warning(
    'BR-NL-33',
    'The use of a tax total in accounting currency (cac:TaxTotal/cbc:TaxAmount/@currencyID different than DocumentCurrencyCode) is not recommended',
    'cac:TaxTotal/cbc:TaxAmount',
    (amount, doc) =>
      doc.descendants('cbc:DocumentCurrencyCode').some((code) => code.value === amount.attributes.currencyID),
    dutchSupplier,
  ),
  ...[false, true].flatMap((charge) => [
    reasonCodeRule(charge, '1', ''),
    reasonCodeRule(charge, '2', 'cac:InvoiceLine'),
    reasonCodeRule(charge, '3', 'cac:CreditNoteLine'),
  ]),
  warning(
    'SI-UBL-2',
    'Document should not contain empty elements.',
    '*',
    () => false,
    (node) => node.children.length === 0 && normalizeSpace(node.value) === '',
  ),
];

export const NLCIUS_RULES: readonly Rule[] = [...FATAL, ...WARNINGS];

/** BT-24 of SI-UBL 2.0 (`$is_SI-UBL-2.0`: the CustomizationID contains it). */
export const isNlcius = (doc: UblDocument): boolean =>
  doc.customizationId.includes('#compliant#urn:fdc:nen.nl:nlcius:v1.0');
