import { fatal, type Rule } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { select, type XmlElement } from '../xml-tree.js';
import { fractionDigits } from '../xpath-numbers.js';
import { DOCUMENT_ALLOWANCE_CHARGE, isAllowance, isCharge, LINE_ALLOWANCE_CHARGE } from './ubl-terms.js';

/**
 * BR-DEC-*: document amounts carry at most two decimals (CEN UBL schematron, provenance in rulesets.ts).
 * Unit prices (BT-146, BT-148) are not amounts in this sense and may carry more.
 */

const atMostTwo = (owner: XmlElement, path: string) =>
  select(owner, path).every((amount) => fractionDigits(amount.value) <= 2);

/** [id, business term, element, context, context filter] */
type Entry = readonly [string, string, string, string, ((node: XmlElement) => boolean)?];

const ENTRIES: readonly Entry[] = [
  [
    'BR-DEC-01',
    'Document level allowance amount (BT-92)',
    'cbc:Amount',
    DOCUMENT_ALLOWANCE_CHARGE,
    isAllowance,
  ],
  [
    'BR-DEC-02',
    'Document level allowance base amount (BT-93)',
    'cbc:BaseAmount',
    DOCUMENT_ALLOWANCE_CHARGE,
    isAllowance,
  ],
  ['BR-DEC-05', 'Document level charge amount (BT-99)', 'cbc:Amount', DOCUMENT_ALLOWANCE_CHARGE, isCharge],
  [
    'BR-DEC-06',
    'Document level charge base amount (BT-100)',
    'cbc:BaseAmount',
    DOCUMENT_ALLOWANCE_CHARGE,
    isCharge,
  ],
  [
    'BR-DEC-09',
    'Sum of Invoice line net amount (BT-106)',
    'cbc:LineExtensionAmount',
    'cac:LegalMonetaryTotal',
  ],
  [
    'BR-DEC-10',
    'Sum of allowanced on document level (BT-107)',
    'cbc:AllowanceTotalAmount',
    'cac:LegalMonetaryTotal',
  ],
  [
    'BR-DEC-11',
    'Sum of charges on document level (BT-108)',
    'cbc:ChargeTotalAmount',
    'cac:LegalMonetaryTotal',
  ],
  [
    'BR-DEC-12',
    'Invoice total amount without VAT (BT-109)',
    'cbc:TaxExclusiveAmount',
    'cac:LegalMonetaryTotal',
  ],
  ['BR-DEC-14', 'Invoice total amount with VAT (BT-112)', 'cbc:TaxInclusiveAmount', 'cac:LegalMonetaryTotal'],
  ['BR-DEC-16', 'Paid amount (BT-113)', 'cbc:PrepaidAmount', 'cac:LegalMonetaryTotal'],
  ['BR-DEC-17', 'Rounding amount (BT-114)', 'cbc:PayableRoundingAmount', 'cac:LegalMonetaryTotal'],
  ['BR-DEC-18', 'Amount due for payment (BT-115)', 'cbc:PayableAmount', 'cac:LegalMonetaryTotal'],
  ['BR-DEC-19', 'VAT category taxable amount (BT-116)', 'cbc:TaxableAmount', 'cac:TaxTotal/cac:TaxSubtotal'],
  ['BR-DEC-20', 'VAT category tax amount (BT-117)', 'cbc:TaxAmount', 'cac:TaxTotal/cac:TaxSubtotal'],
  [
    'BR-DEC-23',
    'Invoice line net amount (BT-131)',
    'cbc:LineExtensionAmount',
    'cac:InvoiceLine | cac:CreditNoteLine',
  ],
  ['BR-DEC-24', 'Invoice line allowance amount (BT-136)', 'cbc:Amount', LINE_ALLOWANCE_CHARGE, isAllowance],
  [
    'BR-DEC-25',
    'Invoice line allowance base amount (BT-137)',
    'cbc:BaseAmount',
    LINE_ALLOWANCE_CHARGE,
    isAllowance,
  ],
  ['BR-DEC-27', 'Invoice line charge amount (BT-141)', 'cbc:Amount', LINE_ALLOWANCE_CHARGE, isCharge],
  [
    'BR-DEC-28',
    'Invoice line charge base amount (BT-142)',
    'cbc:BaseAmount',
    LINE_ALLOWANCE_CHARGE,
    isCharge,
  ],
];

/**
 * BR-DEC-13/15 on the VAT totals in document and accounting currency. The official XPath compares
 * `@currencyID` with a `cbc:DocumentCurrencyCode` child of the amount, which never exists, so upstream these
 * two never fire (UBL-DT-01 catches the case instead); here they test what their text says.
 */
const vatTotal = (id: string, term: string, currencyOf: (doc: UblDocument) => string | undefined): Rule =>
  fatal(
    id,
    `The allowed maximum number of decimals for the ${term} is 2.`,
    '/Invoice/cac:TaxTotal/cbc:TaxAmount | /CreditNote/cac:TaxTotal/cbc:TaxAmount',
    (amount) => fractionDigits(amount.value) <= 2,
    (amount, doc) => currencyOf(doc) !== undefined && amount.attributes.currencyID === currencyOf(doc),
  );

export const EN16931_DECIMAL_RULES: readonly Rule[] = [
  ...ENTRIES.map(([id, term, element, context, when]) =>
    fatal(
      id,
      `The allowed maximum number of decimals for the ${term} is 2.`,
      context,
      (owner) => atMostTwo(owner, element),
      when,
    ),
  ),
  vatTotal('BR-DEC-13', 'Invoice total VAT amount (BT-110)', (doc) => doc.currency),
  vatTotal(
    'BR-DEC-15',
    'Invoice total VAT amount in accounting currency (BT-111)',
    (doc) => select(doc.root, 'cbc:TaxCurrencyCode')[0]?.value,
  ),
];
