import type { UblDocument } from '../ubl-document.js';
import { first, normalizeSpace, select, textOf, type XmlElement } from '../xml-tree.js';

/**
 * Business terms the rule families share, each written as the XPath the schematrons use for it, so a rule
 * reads like its official test.
 */

/** `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` of a (Party)TaxScheme owner. */
export const isVatScheme = (taxSchemeOwner: XmlElement): boolean =>
  normalizeSpace((textOf(taxSchemeOwner, 'cac:TaxScheme/cbc:ID') ?? '').toUpperCase()) === 'VAT';

/**
 * BT-95/102/118/151: `normalize-space(cbc:ID)` of a TaxCategory or ClassifiedTaxCategory whose scheme is VAT
 * (`[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`); undefined for other tax schemes.
 */
export const vatCategoryOf = (category: XmlElement): string | undefined =>
  isVatScheme(category) ? normalizeSpace(textOf(category, 'cbc:ID') ?? '') : undefined;

/** `cbc:ChargeIndicator = true()`: the xs:boolean cast of the text, undefined when it is no boolean. */
export const chargeIndicator = (allowanceCharge: XmlElement): boolean | undefined => {
  const text = normalizeSpace(textOf(allowanceCharge, 'cbc:ChargeIndicator') ?? '');
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
};

export const isAllowance = (entry: XmlElement): boolean => chargeIndicator(entry) === false;
export const isCharge = (entry: XmlElement): boolean => chargeIndicator(entry) === true;
/** BT-97/98, BT-104/105, BT-139/140, BT-144/145: a reason text or a reason code. */
export const hasReason = (entry: XmlElement): boolean =>
  first(entry, 'cbc:AllowanceChargeReason') !== undefined ||
  first(entry, 'cbc:AllowanceChargeReasonCode') !== undefined;

/** Rule contexts of document level (BG-20/21) and line level (BG-27/28) allowances and charges. */
export const DOCUMENT_ALLOWANCE_CHARGE = '/Invoice/cac:AllowanceCharge | /CreditNote/cac:AllowanceCharge';
export const LINE_ALLOWANCE_CHARGE =
  'cac:InvoiceLine/cac:AllowanceCharge | cac:CreditNoteLine/cac:AllowanceCharge';

/** BG-20 (`charge` false) or BG-21 (`charge` true): document level allowances or charges. */
export const documentAllowanceCharges = (doc: UblDocument, charge: boolean): XmlElement[] =>
  select(doc.root, 'cac:AllowanceCharge').filter((entry) => chargeIndicator(entry) === charge);

/** The VAT category of a line (BT-151), of a document level allowance/charge (BT-95/102). */
export const lineCategory = (line: XmlElement): string | undefined => {
  const category = first(line, 'cac:Item/cac:ClassifiedTaxCategory');
  return category && vatCategoryOf(category);
};
export const allowanceChargeCategory = (entry: XmlElement): string | undefined => {
  const category = first(entry, 'cac:TaxCategory');
  return category && vatCategoryOf(category);
};

/** The VAT breakdown (BG-23) categories: `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`. */
export const breakdownCategories = (doc: UblDocument): XmlElement[] =>
  select(doc.root, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory');

const seller = 'cac:AccountingSupplierParty/cac:Party';
const buyer = 'cac:AccountingCustomerParty/cac:Party';

const vatRegistrations = (doc: UblDocument, party: string): XmlElement[] =>
  select(doc.root, `${party}/cac:PartyTaxScheme`)
    .filter(isVatScheme)
    .flatMap((scheme) => select(scheme, 'cbc:CompanyID'));

/** BT-31: the seller VAT identifier. */
export const hasSellerVatId = (doc: UblDocument): boolean => vatRegistrations(doc, seller).length > 0;
/** BT-31 or BT-32: any seller tax registration (`PartyTaxScheme/cbc:CompanyID`, whatever the scheme). */
export const hasSellerTaxRegistration = (doc: UblDocument): boolean =>
  select(doc.root, `${seller}/cac:PartyTaxScheme/cbc:CompanyID`).length > 0;
/** BT-63: the seller tax representative VAT identifier. */
export const hasTaxRepresentativeVatId = (doc: UblDocument): boolean =>
  vatRegistrations(doc, 'cac:TaxRepresentativeParty').length > 0;
/** BT-48: the buyer VAT identifier. */
export const hasBuyerVatId = (doc: UblDocument): boolean => vatRegistrations(doc, buyer).length > 0;
/** BT-47: the buyer legal registration identifier. */
export const hasBuyerLegalId = (doc: UblDocument): boolean =>
  select(doc.root, `${buyer}/cac:PartyLegalEntity/cbc:CompanyID`).length > 0;
