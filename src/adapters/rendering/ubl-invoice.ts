import { create } from 'xmlbuilder2';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { isCreditTransfer } from './payment-means.js';
import { invoiceLine } from './ubl-lines.js';
import { optionalText, type UblNode } from './ubl-nodes.js';
import { buyerParty, postalAddress, sellerParty } from './ubl-parties.js';
import { documentAllowanceCharge, legalMonetaryTotal, taxTotal } from './ubl-totals.js';

const INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const CAC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

const PEPPOL_BIS_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const NLCIUS = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
const EN16931 = 'urn:cen.eu:en16931:2017';
/** PEPPOL-EN16931-R001/R007: the billing process id. */
const PEPPOL_BILLING_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** UNCL1001 380: commercial invoice. */
const COMMERCIAL_INVOICE = '380';

/**
 * BT-24. Only buyers with a Peppol address get Peppol BIS; consumers cannot receive over Peppol, so a Dutch
 * seller's invoice follows the Dutch CIUS (NLCIUS) and anyone else's plain EN 16931.
 */
export const ublCustomizationId = (invoice: InvoiceDocument): string => {
  if (optionalText(invoice.buyer.peppolId)) return PEPPOL_BIS_3;
  return invoice.seller.address.countryCode === 'NL' ? NLCIUS : EN16931;
};

/** BG-16. The invoice number is the remittance information (BT-83); a credit transfer names the IBAN (BR-61). */
const paymentMeans = (invoice: InvoiceDocument): UblNode => ({
  'cbc:PaymentMeansCode': invoice.payment.meansCode,
  'cbc:PaymentID': invoice.number,
  'cac:PayeeFinancialAccount': isCreditTransfer(invoice.payment.meansCode)
    ? { 'cbc:ID': invoice.seller.iban }
    : undefined,
});

/** The element order below is the xsd:sequence of UBL 2.1 InvoiceType; the schema rejects any other. */
const invoiceElement = (invoice: InvoiceDocument): UblNode => {
  const { currency } = invoice;
  // BR-O-02: an "outside scope" invoice must not carry seller or buyer VAT ids (BR-O-11…14 keep O alone).
  const withVatIds = !invoice.vatBreakdown.some((entry) => entry.category === 'O');
  return {
    '@xmlns': INVOICE_NS,
    '@xmlns:cac': CAC_NS,
    '@xmlns:cbc': CBC_NS,
    'cbc:CustomizationID': ublCustomizationId(invoice),
    'cbc:ProfileID': PEPPOL_BILLING_PROFILE,
    'cbc:ID': invoice.number,
    'cbc:IssueDate': invoice.issueDate,
    'cbc:DueDate': invoice.dueDate,
    'cbc:InvoiceTypeCode': COMMERCIAL_INVOICE,
    // PEPPOL-EN16931-R002 allows one document note, so several notes become paragraphs of one.
    'cbc:Note': optionalText(invoice.notes.join('\n')),
    'cbc:DocumentCurrencyCode': currency,
    'cbc:BuyerReference': optionalText(invoice.buyerReference),
    // PEPPOL-EN16931-R003: the channel order number satisfies "buyer reference or order reference".
    'cac:OrderReference': { 'cbc:ID': invoice.orderReference },
    'cac:AccountingSupplierParty': sellerParty(invoice.seller, withVatIds),
    'cac:AccountingCustomerParty': buyerParty(invoice.buyer, withVatIds),
    'cac:Delivery': {
      'cbc:ActualDeliveryDate': invoice.supplyDate,
      'cac:DeliveryLocation': { 'cac:Address': postalAddress(invoice.deliveryAddress) },
    },
    'cac:PaymentMeans': paymentMeans(invoice),
    'cac:AllowanceCharge': invoice.allowancesCharges.map((entry) => documentAllowanceCharge(entry, currency)),
    'cac:TaxTotal': taxTotal(invoice),
    'cac:LegalMonetaryTotal': legalMonetaryTotal(invoice),
    'cac:InvoiceLine': invoice.lines.map((line) => invoiceLine(line, currency)),
  };
};

/** UBL 2.1 Invoice (Peppol BIS Billing 3.0 / EN 16931) for an issued invoice document. */
export const renderUblInvoice = (invoice: InvoiceDocument): string =>
  create(
    // Webshop texts can hold control characters XML 1.0 forbids; replace them so the output always parses.
    { version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' },
    { Invoice: invoiceElement(invoice) },
  ).end({ prettyPrint: true });
