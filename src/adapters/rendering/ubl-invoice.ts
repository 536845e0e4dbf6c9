import { create } from 'xmlbuilder2';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { documentLine } from './ubl-lines.js';
import { optionalText, type UblNode, type UblValue } from './ubl-nodes.js';
import { buyerParty, postalAddress, sellerParty } from './ubl-parties.js';
import { settlement } from './ubl-settlement.js';
import {
  documentAllowanceCharge,
  legalMonetaryTotal,
  taxTotal,
  taxTotalInTaxCurrency,
} from './ubl-totals.js';

const CAC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

const PEPPOL_BIS_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const NLCIUS = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
const EN16931 = 'urn:cen.eu:en16931:2017';
/** PEPPOL-EN16931-R001/R007: the billing process id. */
const PEPPOL_BILLING_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** The UBL 2.1 main document per document type; UNCL1001 380 commercial invoice, 381 credit note. */
const SYNTAX = {
  invoice: {
    root: 'Invoice',
    namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    typeCode: ['cbc:InvoiceTypeCode', '380'],
    line: 'cac:InvoiceLine',
    quantity: 'cbc:InvoicedQuantity',
  },
  credit_note: {
    root: 'CreditNote',
    namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
    typeCode: ['cbc:CreditNoteTypeCode', '381'],
    line: 'cac:CreditNoteLine',
    quantity: 'cbc:CreditedQuantity',
  },
} as const;

/** ICD 0106 (KvK) and 0190 (OIN): the only legal identifiers NLCIUS accepts for Dutch parties. */
const DUTCH_LEGAL_ID_SCHEMES: ReadonlySet<string> = new Set(['0106', '0190']);

/**
 * BT-24. Only buyers with a Peppol address get Peppol BIS; consumers cannot receive over Peppol. A Dutch
 * seller's other documents follow the Dutch CIUS (NLCIUS, SI-UBL 2.0) when they can: its rule BR-NL-10
 * requires a Dutch buyer to be identified by KvK or OIN number, which consumers and most webshop customers do
 * not have, so their invoices are plain EN 16931 (which they satisfy) rather than NLCIUS documents that fail.
 */
const ublCustomizationId = (invoice: InvoiceDocument): string => {
  if (optionalText(invoice.buyer.peppolId)) return PEPPOL_BIS_3;
  if (invoice.seller.address.countryCode !== 'NL') return EN16931;
  const { buyer } = invoice;
  const identifiedForNlcius =
    buyer.address.countryCode !== 'NL' ||
    (buyer.companyId !== undefined &&
      DUTCH_LEGAL_ID_SCHEMES.has(buyer.companyId.scheme) &&
      optionalText(buyer.companyId.value) !== undefined);
  return identifiedForNlcius ? NLCIUS : EN16931;
};

/** BG-3: the invoice a credit note corrects (NL-R-001), with its date in case numbers repeat (domain.md §3.5). */
const billingReference = (invoice: InvoiceDocument): UblNode | undefined =>
  invoice.billingReference && {
    'cac:InvoiceDocumentReference': {
      'cbc:ID': invoice.billingReference.number,
      'cbc:IssueDate': invoice.billingReference.issueDate,
    },
  };

/**
 * The element order below is the xsd:sequence of UBL 2.1 InvoiceType and CreditNoteType (the same order for
 * everything used here; a credit note has no header due date); the schemas reject any other.
 */
const documentElement = (invoice: InvoiceDocument, options: UblRenderOptions): UblNode => {
  const { currency } = invoice;
  const syntax = SYNTAX[invoice.type];
  const [typeCodeElement, typeCode] = syntax.typeCode;
  // BR-O-02: an "outside scope" invoice must not carry seller or buyer VAT ids (BR-O-11…14 keep O alone).
  const withVatIds = !invoice.vatBreakdown.some((entry) => entry.category === 'O');
  const notes = [invoice.creditReason, ...invoice.notes].filter((note) => optionalText(note) !== undefined);
  return {
    '@xmlns': syntax.namespace,
    '@xmlns:cac': CAC_NS,
    '@xmlns:cbc': CBC_NS,
    'cbc:CustomizationID': ublCustomizationId(invoice),
    'cbc:ProfileID': PEPPOL_BILLING_PROFILE,
    'cbc:ID': invoice.number,
    'cbc:IssueDate': invoice.issueDate,
    'cbc:DueDate': invoice.type === 'invoice' ? invoice.dueDate : undefined,
    [typeCodeElement]: typeCode,
    // PEPPOL-EN16931-R002 allows one document note, so several notes become paragraphs of one.
    'cbc:Note': optionalText(notes.join('\n')),
    'cbc:DocumentCurrencyCode': currency,
    'cbc:TaxCurrencyCode': invoice.taxCurrency?.currency, // BT-6
    'cbc:BuyerReference': optionalText(invoice.buyerReference),
    // PEPPOL-EN16931-R003: the channel order number satisfies "buyer reference or order reference".
    'cac:OrderReference': { 'cbc:ID': invoice.orderReference },
    'cac:BillingReference': billingReference(invoice),
    'cac:AdditionalDocumentReference': embeddedPdf(invoice, options.embeddedPdf),
    'cac:AccountingSupplierParty': sellerParty(invoice.seller, withVatIds),
    'cac:AccountingCustomerParty': buyerParty(invoice.buyer, withVatIds),
    'cac:Delivery': {
      'cbc:ActualDeliveryDate': invoice.supplyDate,
      'cac:DeliveryLocation': { 'cac:Address': postalAddress(invoice.deliveryAddress) },
    },
    ...settlement(invoice),
    'cac:AllowanceCharge': invoice.allowancesCharges.map((entry) => documentAllowanceCharge(entry, currency)),
    'cac:TaxTotal': [taxTotal(invoice), taxTotalInTaxCurrency(invoice)].filter(
      (total) => total !== undefined,
    ),
    'cac:LegalMonetaryTotal': legalMonetaryTotal(invoice),
    [syntax.line]: invoice.lines.map((line) => documentLine(line, currency, syntax.quantity)),
  };
};

export interface UblRenderOptions {
  /** The PDF rendition to carry inside the e-invoice (tenant setting `embedPdfInUbl`). */
  readonly embeddedPdf?: Buffer;
}

/** BG-24 supporting document: the human-readable PDF as an embedded binary object (BT-125). */
const embeddedPdf = (invoice: InvoiceDocument, pdf: Buffer | undefined): UblNode | undefined =>
  pdf && {
    'cbc:ID': invoice.number,
    'cbc:DocumentDescription': invoice.type === 'credit_note' ? 'Credit note (PDF)' : 'Invoice (PDF)',
    'cac:Attachment': {
      'cbc:EmbeddedDocumentBinaryObject': {
        '@mimeCode': 'application/pdf',
        '@filename': `${invoice.number}.pdf`,
        '#': pdf.toString('base64'),
      },
    },
  };

/**
 * xmlbuilder2 reads the values of its object form as XML text (it decodes "&amp;", "&lt;", "&#0;"…) and
 * on output leaves an "&" that starts something entity-like as it is: a buyer named "Tom &amp; Jerry"
 * came out as "Tom & Jerry", and "A &x; B" made the document ill-formed. Escaping every "&" twice
 * survives both steps, so the text reads back exactly as it was given.
 */
const escapeAmpersands = (value: UblValue): UblValue => {
  if (value === undefined) return value;
  if (typeof value === 'string') return value.replaceAll('&', '&amp;amp;');
  if (Array.isArray(value)) return value.map((node) => escapeAmpersands(node) as UblNode);
  return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, escapeAmpersands(child)]));
};

/** UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 / EN 16931) for an issued invoice document. */
export const renderUblInvoice = (invoice: InvoiceDocument, options: UblRenderOptions = {}): string =>
  create(
    // Webshop texts can hold control characters XML 1.0 forbids; replace them so the output always parses.
    { version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' },
    { [SYNTAX[invoice.type].root]: escapeAmpersands(documentElement(invoice, options)) as UblNode },
  ).end({ prettyPrint: true });
