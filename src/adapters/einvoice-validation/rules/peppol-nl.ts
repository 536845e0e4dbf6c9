import { type Check, fatal, type Rule } from '../rule.js';
import { exists, normalizeSpace, select } from '../xml-tree.js';
import { decimalOf } from '../xpath-numbers.js';
import {
  hasKvkOrOinScheme,
  hasStreetCityPostcode,
  orderReferenceForLineReference,
  paymentMeansWhenDue,
  usesDutchPaymentMeans,
} from './nlcius.js';

/**
 * The Dutch national rules inside Peppol BIS Billing 3.0.21 (`PEPPOL-EN16931-UBL.sch`, pattern "NETHERLANDS"):
 * NL-R-001…009, each the Peppol form of an NLCIUS rule (named in the comments). They apply to every Peppol
 * BIS document whose supplier postal address is in the Netherlands (`$supplierCountryIsNL`); NL-R-004, 005
 * and 008 only when the customer is Dutch too.
 */

const dutchSupplier: Check = (_node, doc) => doc.sellerCountry === 'NL';
const bothDutch: Check = (_node, doc) => doc.sellerCountry === 'NL' && doc.buyerCountry === 'NL';
/** `(contains(' 0106 ') or contains(' 0190 ')) and normalize-space(.) != ''` on one legal entity id. */
const kvkOrOin: Check = (id) => hasKvkOrOinScheme([id]) && normalizeSpace(id.value) !== '';

export const PEPPOL_NL_RULES: readonly Rule[] = [
  // BR-NL-9 in NLCIUS (there: corrective invoices 384); in Peppol, where 384 is not allowed, credit notes.
  fatal(
    'NL-R-001',
    'For suppliers in the Netherlands, if the document is a creditnote, the document MUST contain an invoice reference (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)',
    'cbc:CreditNoteTypeCode',
    (_code, doc) => exists(doc.root, 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
    dutchSupplier,
  ),
  // BR-NL-3
  fatal(
    'NL-R-002',
    "For suppliers in the Netherlands the supplier's address (cac:AccountingSupplierParty/cac:Party/cac:PostalAddress) MUST contain street name (cbc:StreetName), city (cbc:CityName) and post code (cbc:PostalZone)",
    'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress',
    hasStreetCityPostcode,
    dutchSupplier,
  ),
  // BR-NL-1; unlike NLCIUS it only checks a legal entity id that is present.
  fatal(
    'NL-R-003',
    'For suppliers in the Netherlands, the legal entity identifier MUST be either a KVK or OIN number (schemeID 0106 or 0190)',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
    kvkOrOin,
    dutchSupplier,
  ),
  // BR-NL-4
  fatal(
    'NL-R-004',
    'For suppliers in the Netherlands, if the customer is in the Netherlands, the customer address (cac:AccountingCustomerParty/cac:Party/cac:PostalAddress) MUST contain the street name (cbc:StreetName), the city (cbc:CityName) and post code (cbc:PostalZone)',
    'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress',
    hasStreetCityPostcode,
    bothDutch,
  ),
  // BR-NL-10; again only for an id that is present.
  fatal(
    'NL-R-005',
    "For suppliers in the Netherlands, if the customer is in the Netherlands, the customer's legal entity identifier MUST be either a KVK or OIN number (schemeID 0106 or 0190)",
    'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
    kvkOrOin,
    bothDutch,
  ),
  // BR-NL-5
  fatal(
    'NL-R-006',
    "For suppliers in the Netherlands, if the fiscal representative is in the Netherlands, the representative's address (cac:TaxRepresentativeParty/cac:PostalAddress) MUST contain street name (cbc:StreetName), city (cbc:CityName) and post code (cbc:PostalZone)",
    'cac:TaxRepresentativeParty/cac:PostalAddress',
    hasStreetCityPostcode,
    (address, doc) =>
      doc.sellerCountry === 'NL' &&
      select(address, 'cac:Country/cbc:IdentificationCode').some(
        (code) => normalizeSpace(code.value).toUpperCase() === 'NL',
      ),
  ),
  // BR-NL-11; a credit note with a non-negative amount is paid by the seller, so it needs no payment means.
  fatal(
    'NL-R-007',
    'For suppliers in the Netherlands, the supplier MUST provide a means of payment (cac:PaymentMeans) if the payment is from customer to supplier',
    'cac:LegalMonetaryTotal',
    (total, doc) =>
      (doc.type === 'CreditNote' && (decimalOf(total, 'cbc:PayableAmount')?.gte(0) ?? false)) ||
      (doc.type === 'Invoice' && paymentMeansWhenDue(total, doc)) ||
      doc.descendants('cac:PaymentMeans').length > 0,
    dutchSupplier,
  ),
  // BR-NL-12, which NLCIUS applies to every Dutch supplier; Peppol only between two Dutch parties.
  fatal(
    'NL-R-008',
    'For suppliers in the Netherlands, if the customer is in the Netherlands, the payment means code (cac:PaymentMeans/cbc:PaymentMeansCode) MUST be one of 30, 48, 49, 57, 58 or 59',
    'cac:PaymentMeans',
    usesDutchPaymentMeans,
    bothDutch,
  ),
  // BR-NL-13
  fatal(
    'NL-R-009',
    'For suppliers in the Netherlands, if an order line reference (cac:OrderLineReference/cbc:LineID) is used, there must be an order reference on the document level (cac:OrderReference/cbc:ID)',
    'cac:OrderLineReference/cbc:LineID',
    orderReferenceForLineReference,
    dutchSupplier,
  ),
];
