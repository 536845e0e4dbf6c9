import { fatal, LINE, ROOT, type Rule, warning } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { exists, select, textOf, type XmlElement } from '../xml-tree.js';
import { fractionDigits } from '../xpath-numbers.js';
import { isAllowance, isCharge } from './ubl-terms.js';

/**
 * The UBL syntax binding of EN 16931 (CEN UBL schematron, pattern "UBL-syntax"; provenance in rulesets.ts):
 * UBL-SR-* cardinalities (fatal), UBL-DT-* data type rules, and the UBL-CR-* "should not include" warnings
 * for the document-level elements that senders use most. The ~680 UBL-CR warnings on deeper elements are not
 * implemented: they never make a document invalid, and we do not write those elements.
 */

const atMost = (max: number, path: string) => (node: XmlElement) => select(node, path).length <= max;
const atMostOnce = (path: string) => atMost(1, path);
const isVat = (scheme: XmlElement) => (textOf(scheme, 'cac:TaxScheme/cbc:ID') ?? '').toUpperCase() === 'VAT';
const taxIds = (party: string, vat: boolean) => (root: XmlElement) =>
  select(root, `${party}/cac:PartyTaxScheme`)
    .filter((scheme) => isVat(scheme) === vat)
    .flatMap((scheme) => select(scheme, 'cbc:CompanyID')).length <= 1;
/** `count(//x[not(preceding::x/. = .)]) <= 1`: all occurrences carry the same value. */
const sameValues = (name: string) => (_root: XmlElement, doc: UblDocument) =>
  new Set(doc.descendants(name).map((node) => node.value)).size <= 1;

const SELLER = 'cac:AccountingSupplierParty/cac:Party';
const BUYER = 'cac:AccountingCustomerParty/cac:Party';

/** [id, message, path counted from the document root, maximum] */
const DOCUMENT_CARDINALITIES: readonly (readonly [string, string, string])[] = [
  ['UBL-SR-01', 'Contract identifier shall occur maximum once.', 'cac:ContractDocumentReference/cbc:ID'],
  ['UBL-SR-02', 'Receive advice identifier shall occur maximum once', 'cac:ReceiptDocumentReference/cbc:ID'],
  [
    'UBL-SR-03',
    'Despatch advice identifier shall occur maximum once',
    'cac:DespatchDocumentReference/cbc:ID',
  ],
  ['UBL-SR-05', 'Payment terms shall occur maximum once', 'cac:PaymentTerms/cbc:Note'],
  ['UBL-SR-08', 'Invoice period shall occur maximum once', 'cac:InvoicePeriod'],
  [
    'UBL-SR-09',
    'Seller name shall occur maximum once',
    `${SELLER}/cac:PartyLegalEntity/cbc:RegistrationName`,
  ],
  ['UBL-SR-10', 'Seller trader name shall occur maximum once', `${SELLER}/cac:PartyName/cbc:Name`],
  [
    'UBL-SR-11',
    'Seller legal registration identifier shall occur maximum once',
    `${SELLER}/cac:PartyLegalEntity/cbc:CompanyID`,
  ],
  [
    'UBL-SR-14',
    'Seller additional legal information shall occur maximum once',
    `${SELLER}/cac:PartyLegalEntity/cbc:CompanyLegalForm`,
  ],
  ['UBL-SR-15', 'Buyer name shall occur maximum once', `${BUYER}/cac:PartyLegalEntity/cbc:RegistrationName`],
  ['UBL-SR-16', 'Buyer identifier shall occur maximum once', `${BUYER}/cac:PartyIdentification/cbc:ID`],
  [
    'UBL-SR-17',
    'Buyer legal registration identifier shall occur maximum once',
    `${BUYER}/cac:PartyLegalEntity/cbc:CompanyID`,
  ],
  ['UBL-SR-24', 'Deliver to information shall occur maximum once', 'cac:Delivery'],
  ['UBL-SR-39', 'Project reference shall occur maximum once.', 'cac:ProjectReference/cbc:ID'],
  ['UBL-SR-40', 'Buyer trade name shall occur maximum once', `${BUYER}/cac:PartyName/cbc:Name`],
  ['UBL-SR-45', 'Due Date shall occur maximum once', 'cac:PaymentMeans/cbc:PaymentDueDate'],
  ['UBL-SR-49', 'Value tax point date shall occur maximum once', 'cac:InvoicePeriod/cbc:DescriptionCode'],
];

const LINE_CARDINALITIES: readonly (readonly [string, string, string])[] = [
  ['UBL-SR-34', 'Invoice line note shall occur maximum once', 'cbc:Note'],
  [
    'UBL-SR-35',
    'Referenced purchase order line identifier shall occur maximum once',
    'cac:OrderLineReference/cbc:LineID',
  ],
  ['UBL-SR-36', 'Invoice line period shall occur maximum once', 'cac:InvoicePeriod'],
  ['UBL-SR-37', 'Item price discount shall occur maximum once', 'cac:Price/cac:AllowanceCharge/cbc:Amount'],
  [
    'UBL-SR-38',
    'Invoiced item VAT exemption reason text shall occur maximum once',
    'cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason',
  ],
  ['UBL-SR-50', 'Item description shall occur maximum once', 'cac:Item/cbc:Description'],
];

const CARDINALITIES: Rule[] = [
  ...DOCUMENT_CARDINALITIES.map(([id, message, path]) => fatal(id, message, ROOT, atMostOnce(path))),
  fatal(
    'UBL-SR-04',
    'Invoice object identifier shall occur maximum once',
    ROOT,
    (root) =>
      select(root, 'cac:AdditionalDocumentReference')
        .filter((reference) => textOf(reference, 'cbc:DocumentTypeCode') === '130')
        .flatMap((reference) => select(reference, 'cbc:ID')).length <= 1,
  ),
  fatal('UBL-SR-12', 'Seller VAT identifier shall occur maximum once', ROOT, taxIds(SELLER, true)),
  fatal('UBL-SR-13', 'Seller tax registration shall occur maximum once', ROOT, taxIds(SELLER, false)),
  fatal('UBL-SR-18', 'Buyer VAT identifier shall occur maximum once', ROOT, taxIds(BUYER, true)),
  fatal(
    'UBL-SR-29',
    'Bank creditor reference shall occur maximum once',
    ROOT,
    (_root, doc) =>
      doc
        .descendants('cac:PartyIdentification')
        .flatMap((identification) => select(identification, 'cbc:ID'))
        .filter((id) => (id.attributes.schemeID ?? '').toUpperCase() === 'SEPA').length <= 1,
  ),
  fatal('UBL-SR-44', 'Payment ID shall occur maximum once', ROOT, sameValues('cbc:PaymentID')),
  fatal(
    'UBL-SR-46',
    'Payment means text shall occur maximum once',
    ROOT,
    (root) =>
      select(root, 'cac:PaymentMeans/cbc:PaymentMeansCode').filter((code) => 'name' in code.attributes)
        .length <= 1,
  ),
  fatal(
    'UBL-SR-47',
    'When there are more than one payment means code, they shall be equal',
    ROOT,
    sameValues('cbc:PaymentMeansCode'),
  ),
  ...LINE_CARDINALITIES.map(([id, message, path]) => fatal(id, message, LINE, atMostOnce(path))),
  fatal(
    'UBL-SR-48',
    'Invoice lines shall have one and only one classified tax category.',
    LINE,
    (line) => select(line, 'cac:Item/cac:ClassifiedTaxCategory').length === 1,
  ),
  fatal(
    'UBL-SR-07',
    'If there is a preceding invoice reference, the preceding invoice number shall be present',
    'cac:BillingReference',
    (reference) => exists(reference, 'cac:InvoiceDocumentReference/cbc:ID'),
  ),
  fatal(
    'UBL-SR-25',
    'Deliver to party name shall occur maximum once',
    'cac:Delivery',
    atMostOnce('cac:DeliveryParty/cac:PartyName/cbc:Name'),
  ),
  fatal(
    'UBL-SR-26',
    'Payment reference shall occur maximum once',
    'cac:PaymentMeans',
    atMostOnce('cbc:PaymentID'),
  ),
  fatal(
    'UBL-SR-27',
    'Payment means text shall occur maximum once',
    'cac:PaymentMeans',
    atMostOnce('cbc:InstructionNote'),
  ),
  fatal(
    'UBL-SR-28',
    'Mandate reference identifier shall occur maximum once',
    'cac:PaymentMeans',
    atMostOnce('cac:PaymentMandate/cbc:ID'),
  ),
  fatal(
    'UBL-SR-30',
    'Document level allowance reason shall occur maximum once',
    'cac:AllowanceCharge',
    atMostOnce('cbc:AllowanceChargeReason'),
    isAllowance,
  ),
  fatal(
    'UBL-SR-31',
    'Document level charge reason shall occur maximum once',
    'cac:AllowanceCharge',
    atMostOnce('cbc:AllowanceChargeReason'),
    isCharge,
  ),
  fatal(
    'UBL-SR-32',
    'VAT exemption reason text shall occur maximum once',
    'cac:TaxSubtotal',
    atMostOnce('cac:TaxCategory/cbc:TaxExemptionReason'),
  ),
  fatal(
    'UBL-SR-33',
    'Supporting document description shall occur maximum once',
    'cac:AdditionalDocumentReference',
    atMostOnce('cbc:DocumentDescription'),
  ),
  fatal(
    'UBL-SR-42',
    'Party tax scheme shall occur maximum twice in accounting supplier party',
    'cac:AccountingSupplierParty/cac:Party',
    atMost(2, 'cac:PartyTaxScheme'),
  ),
  fatal(
    'UBL-SR-43',
    'Scheme identifier shall only be used for invoiced object (document type code with value 130)',
    'cac:AdditionalDocumentReference',
    (reference, doc) => {
      const code = textOf(reference, 'cbc:DocumentTypeCode');
      return code === undefined || code === '130' || (doc.type === 'CreditNote' && code === '50');
    },
  ),
];

/** UBL-DT-01 selects `//*[ends-with(name(), 'Amount')]` except prices and price discounts. */
const isAmount = (node: XmlElement): boolean => {
  if (!node.name.endsWith('Amount') || node.name.endsWith('PriceAmount')) return false;
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.name === 'cac:Price' && exists(ancestor, 'cac:AllowanceCharge')) return false;
  }
  return true;
};

const UNWANTED_ATTRIBUTES: readonly (readonly [string, string, string])[] = [
  ['UBL-DT-08', 'schemeName', 'Scheme name attribute should not be present'],
  ['UBL-DT-09', 'schemeAgencyName', 'Scheme agency name attribute should not be present'],
  ['UBL-DT-10', 'schemeDataURI', 'Scheme data uri attribute should not be present'],
  ['UBL-DT-11', 'schemeURI', 'Scheme uri attribute should not be present'],
  ['UBL-DT-12', 'format', 'Format attribute should not be present'],
  ['UBL-DT-13', 'unitCodeListIdentifier', 'Unit code list identifier attribute should not be present'],
  [
    'UBL-DT-14',
    'unitCodeListAgencyIdentifier',
    'Unit code list agency identifier attribute should not be present',
  ],
  ['UBL-DT-15', 'unitCodeListAgencyName', 'Unit code list agency name attribute should not be present'],
  ['UBL-DT-16', 'listAgencyName', 'List agency name attribute should not be present'],
  ['UBL-DT-17', 'listName', 'List name attribute should not be present'],
  ['UBL-DT-19', 'languageID', 'Language identifier attribute should not be present'],
  ['UBL-DT-20', 'listURI', 'List uri attribute should not be present'],
  ['UBL-DT-21', 'listSchemeURI', 'List scheme uri attribute should not be present'],
  ['UBL-DT-22', 'languageLocaleID', 'Language local identifier attribute should not be present'],
  ['UBL-DT-23', 'uri', 'Uri attribute should not be present'],
  ['UBL-DT-24', 'currencyCodeListVersionID', 'Currency code list version id should not be present'],
  ['UBL-DT-25', 'characterSetCode', 'CharacterSetCode attribute should not be present'],
  ['UBL-DT-26', 'encodingCode', 'EncodingCode attribute should not be present'],
  ['UBL-DT-27', 'schemeAgencyID', 'Scheme Agency ID attribute should not be present'],
  ['UBL-DT-28', 'listAgencyID', 'List Agency ID attribute should not be present'],
];

const DATA_TYPES: Rule[] = [
  fatal(
    'UBL-DT-01',
    'Amounts shall be decimal up to two fraction digits',
    '*',
    (amount) => fractionDigits(amount.value) <= 2,
    isAmount,
  ),
  fatal(
    'UBL-DT-06',
    'Binary object elements shall contain the mime code attribute',
    '*',
    (object) => object.attributes.mimeCode !== undefined,
    (node) => node.name.endsWith('BinaryObject'),
  ),
  fatal(
    'UBL-DT-07',
    'Binary object elements shall contain the file name attribute',
    '*',
    (object) => object.attributes.filename !== undefined,
    (node) => node.name.endsWith('BinaryObject'),
  ),
  ...UNWANTED_ATTRIBUTES.map(([id, name, message]) =>
    warning(id, message, ROOT, (_root, doc) =>
      doc.elements.every((node) => node.attributes[name] === undefined),
    ),
  ),
  warning('UBL-DT-18', 'Name attribute should not be present', ROOT, (_root, doc) =>
    doc.elements.every((node) => node.attributes.name === undefined || node.name === 'cbc:PaymentMeansCode'),
  ),
];

/** [id, element the document should not include, as named in the message] */
const UNWANTED_ELEMENTS: readonly (readonly [string, string, string])[] = [
  ['UBL-CR-001', 'ext:UBLExtensions', 'extensions'],
  ['UBL-CR-003', 'cbc:ProfileExecutionID', 'the ProfileExecutionID '],
  ['UBL-CR-004', 'cbc:CopyIndicator', 'the CopyIndicator '],
  ['UBL-CR-005', 'cbc:UUID', 'the UUID '],
  ['UBL-CR-006', 'cbc:IssueTime', 'the IssueTime '],
  ['UBL-CR-007', 'cbc:PricingCurrencyCode', 'the PricingCurrencyCode'],
  ['UBL-CR-008', 'cbc:PaymentCurrencyCode', 'the PaymentCurrencyCode'],
  ['UBL-CR-009', 'cbc:PaymentAlternativeCurrencyCode', 'the PaymentAlternativeCurrencyCode'],
  ['UBL-CR-010', 'cbc:AccountingCostCode', 'the AccountingCostCode'],
  ['UBL-CR-011', 'cbc:LineCountNumeric', 'the LineCountNumeric'],
];

const RESTRICTIONS: Rule[] = [
  ...UNWANTED_ELEMENTS.map(([id, element, what]) =>
    warning(id, `A UBL invoice should not include ${what}`.trimEnd(), ROOT, (root) => !exists(root, element)),
  ),
  warning(
    'UBL-CR-002',
    'A UBL invoice should not include the UBLVersionID or it should be 2.1',
    ROOT,
    (root) => select(root, 'cbc:UBLVersionID').every((version) => version.value === '2.1'),
  ),
  warning('UBL-CR-561', 'A UBL invoice should not include the InvoiceLine TaxTotal', ROOT, (_root, doc) =>
    doc.lines.every((line) => !exists(line, 'cac:TaxTotal')),
  ),
];

export const UBL_SYNTAX_RULES: readonly Rule[] = [...CARDINALITIES, ...DATA_TYPES, ...RESTRICTIONS];
