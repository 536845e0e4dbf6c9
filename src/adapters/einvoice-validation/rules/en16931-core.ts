import { fatal, LINE, ROOT, type Rule } from '../rule.js';
import { exists, hasText, normalizeSpace, select, textOf, type XmlElement } from '../xml-tree.js';
import { toDecimal } from '../xpath-numbers.js';
import {
  DOCUMENT_ALLOWANCE_CHARGE,
  hasReason,
  isAllowance,
  isCharge,
  isVatScheme,
  LINE_ALLOWANCE_CHARGE,
  vatCategoryOf,
} from './ubl-terms.js';

/**
 * EN 16931 integrity rules BR-01…BR-67 in their UBL binding, from the CEN UBL schematron (provenance in
 * rulesets.ts). All of them apply whatever the specification identifier.
 */

/** `exists(cac:TaxCategory[VAT]/cbc:ID) and (cac:TaxCategory[VAT]/cbc:ID) != ''` */
const hasVatId = (category: XmlElement) => isVatScheme(category) && hasText(category, 'cbc:ID');
const hasSchemeId = (node: XmlElement) => node.attributes.schemeID !== undefined;
const nonNegative = (node: XmlElement, path: string) =>
  select(node, path).some((amount) => toDecimal(amount.value)?.gte(0) === true);
const periodOrdered = (period: XmlElement) => {
  const start = textOf(period, 'cbc:StartDate');
  const end = textOf(period, 'cbc:EndDate');
  // xs:date comparison; ISO dates compare as text once trimmed.
  return start === undefined || end === undefined || end.trim() >= start.trim();
};

const DOCUMENT: Rule[] = [
  fatal('BR-01', 'An Invoice shall have a Specification identifier (BT-24).', ROOT, (root) =>
    hasText(root, 'cbc:CustomizationID'),
  ),
  fatal('BR-02', 'An Invoice shall have an Invoice number (BT-1).', ROOT, (root) => hasText(root, 'cbc:ID')),
  fatal('BR-03', 'An Invoice shall have an Invoice issue date (BT-2).', ROOT, (root) =>
    hasText(root, 'cbc:IssueDate'),
  ),
  fatal(
    'BR-04',
    'An Invoice shall have an Invoice type code (BT-3).',
    ROOT,
    (root) => hasText(root, 'cbc:InvoiceTypeCode') || hasText(root, 'cbc:CreditNoteTypeCode'),
  ),
  fatal('BR-05', 'An Invoice shall have an Invoice currency code (BT-5).', ROOT, (root) =>
    hasText(root, 'cbc:DocumentCurrencyCode'),
  ),
  fatal('BR-06', 'An Invoice shall contain the Seller name (BT-27).', ROOT, (root) =>
    hasText(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName'),
  ),
  fatal('BR-07', 'An Invoice shall contain the Buyer name (BT-44).', ROOT, (root) =>
    hasText(root, 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName'),
  ),
  fatal('BR-08', 'An Invoice shall contain the Seller postal address (BG-5).', ROOT, (root) =>
    exists(root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress'),
  ),
  fatal('BR-10', 'An Invoice shall contain the Buyer postal address (BG-8).', ROOT, (root) =>
    exists(root, 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress'),
  ),
  fatal(
    'BR-16',
    'An Invoice shall have at least one Invoice line (BG-25)',
    ROOT,
    (_root, doc) => doc.lines.length > 0,
  ),
  fatal(
    'BR-53',
    'If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT amount in accounting currency (BT-111) shall be provided.',
    ROOT,
    (root, doc) =>
      select(root, 'cbc:TaxCurrencyCode').every((code) =>
        doc
          .descendants('cac:TaxTotal')
          .some((total) =>
            select(total, 'cbc:TaxAmount').some((amount) => amount.attributes.currencyID === code.value),
          ),
      ),
  ),
  fatal(
    'BR-66',
    'An Invoice shall contain maximum one Payment Card account (BG-18).',
    ROOT,
    (root) => select(root, 'cac:PaymentMeans/cac:CardAccount').length <= 1,
  ),
  fatal(
    'BR-67',
    'An Invoice shall contain maximum one Payment Mandate (BG-19).',
    ROOT,
    (root) => select(root, 'cac:PaymentMeans/cac:PaymentMandate').length <= 1,
  ),
];

const PARTIES: Rule[] = [
  fatal(
    'BR-09',
    'The Seller postal address (BG-5) shall contain a Seller country code (BT-40).',
    'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress',
    (address) => hasText(address, 'cac:Country/cbc:IdentificationCode'),
  ),
  fatal(
    'BR-11',
    'The Buyer postal address (BG-8) shall contain a Buyer country code (BT-55).',
    'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress',
    (address) => hasText(address, 'cac:Country/cbc:IdentificationCode'),
  ),
  fatal(
    'BR-17',
    'The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is different from the Seller (BG-4)',
    'cac:PayeeParty',
    (payee) => {
      const sellerParty = payee.parent && select(payee.parent, 'cac:AccountingSupplierParty/cac:Party');
      const sellerValues = (path: string) =>
        new Set(sellerParty?.flatMap((p) => select(p, path).map((n) => n.value)));
      const same = (path: string) => select(payee, path).some((node) => sellerValues(path).has(node.value));
      return (
        exists(payee, 'cac:PartyName/cbc:Name') &&
        !same('cac:PartyName/cbc:Name') &&
        !same('cac:PartyIdentification/cbc:ID') &&
        !same('cac:PartyLegalEntity/cbc:RegistrationName')
      );
    },
  ),
  fatal(
    'BR-18',
    'The Seller tax representative name (BT-62) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11)',
    'cac:TaxRepresentativeParty',
    (party) => hasText(party, 'cac:PartyName/cbc:Name'),
  ),
  fatal(
    'BR-19',
    'The Seller tax representative postal address (BG-12) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).',
    'cac:TaxRepresentativeParty',
    (party) => exists(party, 'cac:PostalAddress'),
  ),
  fatal(
    'BR-20',
    'The Seller tax representative postal address (BG-12) shall contain a Tax representative country code (BT-69), if the Seller (BG-4) has a Seller tax representative party (BG-11).',
    'cac:TaxRepresentativeParty/cac:PostalAddress',
    (address) => hasText(address, 'cac:Country/cbc:IdentificationCode'),
  ),
  fatal(
    'BR-56',
    'Each Seller tax representative party (BG-11) shall have a Seller tax representative VAT identifier (BT-63).',
    'cac:TaxRepresentativeParty',
    (party) =>
      select(party, 'cac:PartyTaxScheme').some(
        (scheme) => isVatScheme(scheme) && exists(scheme, 'cbc:CompanyID'),
      ),
  ),
  fatal(
    'BR-57',
    'Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).',
    'cac:Delivery/cac:DeliveryLocation/cac:Address',
    (address) => exists(address, 'cac:Country/cbc:IdentificationCode'),
  ),
  fatal(
    'BR-62',
    'The Seller electronic address (BT-34) shall have a Scheme identifier.',
    'cac:AccountingSupplierParty/cac:Party/cbc:EndpointID',
    hasSchemeId,
  ),
  fatal(
    'BR-63',
    'The Buyer electronic address (BT-49) shall have a Scheme identifier.',
    'cac:AccountingCustomerParty/cac:Party/cbc:EndpointID',
    hasSchemeId,
  ),
];

const ALLOWANCES_CHARGES: Rule[] = [
  fatal(
    'BR-31',
    'Each Document level allowance (BG-20) shall have a Document level allowance amount (BT-92).',
    DOCUMENT_ALLOWANCE_CHARGE,
    (entry) => exists(entry, 'cbc:Amount'),
    isAllowance,
  ),
  fatal(
    'BR-32',
    'Each Document level allowance (BG-20) shall have a Document level allowance VAT category code (BT-95).',
    DOCUMENT_ALLOWANCE_CHARGE,
    (entry) => select(entry, 'cac:TaxCategory').some(hasVatId),
    isAllowance,
  ),
  fatal(
    'BR-33',
    'Each Document level allowance (BG-20) shall have a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98).',
    DOCUMENT_ALLOWANCE_CHARGE,
    hasReason,
    isAllowance,
  ),
  fatal(
    'BR-36',
    'Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).',
    DOCUMENT_ALLOWANCE_CHARGE,
    (entry) => exists(entry, 'cbc:Amount'),
    isCharge,
  ),
  fatal(
    'BR-37',
    'Each Document level charge (BG-21) shall have a Document level charge VAT category code (BT-102).',
    DOCUMENT_ALLOWANCE_CHARGE,
    (entry) => select(entry, 'cac:TaxCategory').some(hasVatId),
    isCharge,
  ),
  fatal(
    'BR-38',
    'Each Document level charge (BG-21) shall have a Document level charge reason (BT-104) or a Document level charge reason code (BT-105).',
    DOCUMENT_ALLOWANCE_CHARGE,
    hasReason,
    isCharge,
  ),
  fatal(
    'BR-41',
    'Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount (BT-136).',
    LINE_ALLOWANCE_CHARGE,
    (entry) => exists(entry, 'cbc:Amount'),
    isAllowance,
  ),
  fatal(
    'BR-42',
    'Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140).',
    LINE_ALLOWANCE_CHARGE,
    hasReason,
    isAllowance,
  ),
  fatal(
    'BR-43',
    'Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).',
    LINE_ALLOWANCE_CHARGE,
    (entry) => exists(entry, 'cbc:Amount'),
    isCharge,
  ),
  fatal(
    'BR-44',
    'Each Invoice line charge shall have an Invoice line charge reason or an invoice line allowance reason code.',
    LINE_ALLOWANCE_CHARGE,
    hasReason,
    isCharge,
  ),
];

const TOTALS: Rule[] = [
  fatal(
    'BR-12',
    'An Invoice shall have the Sum of Invoice line net amount (BT-106).',
    'cac:LegalMonetaryTotal',
    (t) => exists(t, 'cbc:LineExtensionAmount'),
  ),
  fatal(
    'BR-13',
    'An Invoice shall have the Invoice total amount without VAT (BT-109).',
    'cac:LegalMonetaryTotal',
    (t) => exists(t, 'cbc:TaxExclusiveAmount'),
  ),
  fatal(
    'BR-14',
    'An Invoice shall have the Invoice total amount with VAT (BT-112).',
    'cac:LegalMonetaryTotal',
    (t) => exists(t, 'cbc:TaxInclusiveAmount'),
  ),
  fatal(
    'BR-15',
    'An Invoice shall have the Amount due for payment (BT-115).',
    'cac:LegalMonetaryTotal',
    (t) => exists(t, 'cbc:PayableAmount'),
  ),
  fatal(
    'BR-45',
    'Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).',
    'cac:TaxTotal/cac:TaxSubtotal',
    (subtotal) => exists(subtotal, 'cbc:TaxableAmount'),
  ),
  fatal(
    'BR-46',
    'Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).',
    'cac:TaxTotal/cac:TaxSubtotal',
    (subtotal) => exists(subtotal, 'cbc:TaxAmount'),
  ),
  fatal(
    'BR-47',
    'Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).',
    'cac:TaxTotal/cac:TaxSubtotal',
    (subtotal) => select(subtotal, 'cac:TaxCategory').some(hasVatId),
  ),
  fatal(
    'BR-48',
    'Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the Invoice is not subject to VAT.',
    'cac:TaxTotal/cac:TaxSubtotal',
    (subtotal) =>
      select(subtotal, 'cac:TaxCategory').some(
        (category) =>
          vatCategoryOf(category) !== undefined &&
          (exists(category, 'cbc:Percent') || vatCategoryOf(category) === 'O'),
      ),
  ),
];

const LINES: Rule[] = [
  fatal('BR-21', 'Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).', LINE, (line) =>
    hasText(line, 'cbc:ID'),
  ),
  fatal(
    'BR-22',
    'Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).',
    LINE,
    (line) => exists(line, 'cbc:InvoicedQuantity') || exists(line, 'cbc:CreditedQuantity'),
  ),
  fatal(
    'BR-23',
    'An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).',
    LINE,
    (line) =>
      [...select(line, 'cbc:InvoicedQuantity'), ...select(line, 'cbc:CreditedQuantity')].some(
        (quantity) => quantity.attributes.unitCode !== undefined,
      ),
  ),
  fatal('BR-24', 'Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).', LINE, (line) =>
    exists(line, 'cbc:LineExtensionAmount'),
  ),
  fatal('BR-25', 'Each Invoice line (BG-25) shall contain the Item name (BT-153).', LINE, (line) =>
    hasText(line, 'cac:Item/cbc:Name'),
  ),
  fatal('BR-26', 'Each Invoice line (BG-25) shall contain the Item net price (BT-146).', LINE, (line) =>
    exists(line, 'cac:Price/cbc:PriceAmount'),
  ),
  fatal('BR-27', 'The Item net price (BT-146) shall NOT be negative.', LINE, (line) =>
    nonNegative(line, 'cac:Price/cbc:PriceAmount'),
  ),
  fatal(
    'BR-28',
    'The Item gross price (BT-148) shall NOT be negative.',
    LINE,
    (line) =>
      !exists(line, 'cac:Price/cac:AllowanceCharge/cbc:BaseAmount') ||
      nonNegative(line, 'cac:Price/cac:AllowanceCharge/cbc:BaseAmount'),
  ),
  fatal(
    'BR-29',
    'If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) are given then the Invoicing period end date (BT-74) shall be later or equal to the Invoicing period start date (BT-73).',
    '/Invoice/cac:InvoicePeriod | /CreditNote/cac:InvoicePeriod',
    periodOrdered,
  ),
  fatal(
    'BR-30',
    'If both Invoice line period start date (BT-134) and Invoice line period end date (BT-135) are given then the Invoice line period end date (BT-135) shall be later or equal to the Invoice line period start date (BT-134).',
    'cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod',
    periodOrdered,
  ),
  fatal(
    'BR-54',
    'Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item attribute value (BT-161).',
    'cac:AdditionalItemProperty',
    (property) => exists(property, 'cbc:Name') && exists(property, 'cbc:Value'),
  ),
  fatal(
    'BR-64',
    'The Item standard identifier (BT-157) shall have a Scheme identifier.',
    'cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID | cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:ID',
    hasSchemeId,
  ),
  fatal(
    'BR-65',
    'The Item classification identifier (BT-158) shall have a Scheme identifier.',
    'cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode | cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
    (code) => code.attributes.listID !== undefined,
  ),
];

const meansCode = (means: XmlElement) => normalizeSpace(textOf(means, 'cbc:PaymentMeansCode') ?? '');

const PAYMENT_AND_REFERENCES: Rule[] = [
  fatal(
    'BR-49',
    'A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).',
    'cac:PaymentMeans',
    (means) => exists(means, 'cbc:PaymentMeansCode'),
  ),
  fatal(
    'BR-50',
    'A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17) information is provided in the Invoice.',
    'cac:PaymentMeans/cac:PayeeFinancialAccount',
    (account) => hasText(account, 'cbc:ID'),
    (account) => ['30', '58'].includes(textOf(account, '../cbc:PaymentMeansCode') ?? ''),
  ),
  fatal(
    'BR-51',
    'The last 4 to 6 digits of the Payment card primary account number (BT-87) shall be present if Payment card information (BG-18) is provided in the Invoice.',
    'cac:PaymentMeans/cac:CardAccount',
    (card) => {
      const length = (textOf(card, 'cbc:PrimaryAccountNumberID') ?? '').length;
      return length >= 4 && length <= 6;
    },
  ),
  fatal(
    'BR-61',
    'If the Payment means type code (BT-81) means SEPA credit transfer, Local credit transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) shall be present.',
    'cac:PaymentMeans',
    (means) => !['30', '58'].includes(meansCode(means)) || exists(means, 'cac:PayeeFinancialAccount/cbc:ID'),
  ),
  fatal(
    'BR-52',
    'Each Additional supporting document (BG-24) shall contain a Supporting document reference (BT-122).',
    'cac:AdditionalDocumentReference',
    (reference) => hasText(reference, 'cbc:ID'),
  ),
  fatal(
    'BR-55',
    'Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).',
    'cac:BillingReference',
    (reference) => exists(reference, 'cac:InvoiceDocumentReference/cbc:ID'),
  ),
];

export const EN16931_CORE_RULES: readonly Rule[] = [
  ...DOCUMENT,
  ...PARTIES,
  ...ALLOWANCES_CHARGES,
  ...TOTALS,
  ...LINES,
  ...PAYMENT_AND_REFERENCES,
];
