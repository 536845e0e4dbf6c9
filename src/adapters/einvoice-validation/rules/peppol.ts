import type { Decimal } from '../../../domain/shared/money.js';
import { type Check, fatal, LINE, ROOT, type Rule } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { exists, normalizeSpace, select, textOf, type XmlElement } from '../xml-tree.js';
import { decimalOf, equal, sumOf, toDecimal, withinSlack, xpathRound } from '../xpath-numbers.js';

/**
 * Peppol BIS Billing 3.0 transaction rules PEPPOL-EN16931-R*, from OpenPeppol `rules/sch/PEPPOL-EN16931-UBL.sch`
 * release 3.0.21 ("Last update: 2026 May release 3.0.21"), with the official texts. Code lists and identifier
 * formats are in peppol-codes.ts, the Dutch national rules in peppol-nl.ts. The national rules of other
 * countries (DK, GR, IS, IT, NO, SE, DE) are not implemented: our sellers are Dutch.
 */

const CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';

/** `$profile`: the NN of `urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0` (unanchored regex, as upstream). */
export const profileOf = (doc: UblDocument): string | undefined => {
  const profile = normalizeSpace(textOf(doc.root, 'cbc:ProfileID') ?? '');
  return /urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0/.test(profile)
    ? profile.split(':')[6]
    : undefined;
};

export const bothGerman = (doc: UblDocument) => doc.sellerCountry === 'DE' && doc.buyerCountry === 'DE';

const vatTotals = (root: XmlElement, currency: string | undefined) =>
  select(root, 'cac:TaxTotal/cbc:TaxAmount')
    .filter((amount) => amount.attributes.currencyID === normalizeSpace(currency ?? ''))
    .map((amount) => toDecimal(amount.value));
const someAmount = (amounts: (Decimal | undefined)[], test: (amount: Decimal) => boolean) =>
  amounts.some((amount) => amount !== undefined && test(amount));

const DOCUMENT: Rule[] = [
  fatal('PEPPOL-EN16931-R001', 'Business process MUST be provided.', ROOT, (root) =>
    exists(root, 'cbc:ProfileID'),
  ),
  fatal(
    'PEPPOL-EN16931-R007',
    "Business process MUST be in the format 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0' where NN indicates the process number.",
    ROOT,
    (_root, doc) => profileOf(doc) !== undefined,
  ),
  fatal(
    'PEPPOL-EN16931-R002',
    'No more than one note is allowed on document level, unless both the buyer and seller are German organizations.',
    ROOT,
    (root, doc) => select(root, 'cbc:Note').length <= 1 || bothGerman(doc),
  ),
  fatal(
    'PEPPOL-EN16931-R003',
    'A buyer reference or purchase order reference MUST be provided.',
    ROOT,
    (root) => exists(root, 'cbc:BuyerReference') || exists(root, 'cac:OrderReference/cbc:ID'),
  ),
  fatal(
    'PEPPOL-EN16931-R004',
    "Specification identifier MUST begin with the value 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0' and follow the format rules for the identifier.",
    ROOT,
    (_root, doc) => doc.customizationId.startsWith(CUSTOMIZATION) && !doc.customizationId.includes('::'),
  ),
  fatal(
    'PEPPOL-EN16931-R053',
    'Only one tax total with tax subtotals MUST be provided.',
    ROOT,
    (root) => select(root, 'cac:TaxTotal').filter((total) => exists(total, 'cac:TaxSubtotal')).length === 1,
  ),
  fatal(
    'PEPPOL-EN16931-R054',
    'Only one tax total without tax subtotals MUST be provided when tax currency code is provided.',
    ROOT,
    (root) =>
      select(root, 'cac:TaxTotal').filter((total) => !exists(total, 'cac:TaxSubtotal')).length ===
      (exists(root, 'cbc:TaxCurrencyCode') ? 1 : 0),
  ),
  fatal(
    'PEPPOL-EN16931-R055',
    'Invoice total VAT amount and Invoice total VAT amount in accounting currency MUST have the same operational sign',
    ROOT,
    (root) => {
      if (!exists(root, 'cbc:TaxCurrencyCode')) return true;
      const inTaxCurrency = vatTotals(root, textOf(root, 'cbc:TaxCurrencyCode'));
      const inDocumentCurrency = vatTotals(root, textOf(root, 'cbc:DocumentCurrencyCode'));
      const sameSign = (test: (amount: Decimal) => boolean) =>
        someAmount(inTaxCurrency, test) && someAmount(inDocumentCurrency, test);
      return sameSign((amount) => amount.lte(0)) || sameSign((amount) => amount.gte(0));
    },
  ),
  fatal(
    'PEPPOL-EN16931-R080',
    'Only one project reference is allowed on document level',
    '/CreditNote',
    (root) =>
      select(root, 'cac:AdditionalDocumentReference').filter(
        (r) => textOf(r, 'cbc:DocumentTypeCode') === '50',
      ).length <= 1,
  ),
  fatal(
    'PEPPOL-EN16931-R005',
    'VAT accounting currency code MUST be different from invoice currency code when provided.',
    'cbc:TaxCurrencyCode',
    (code) =>
      normalizeSpace(code.value) !== normalizeSpace(textOf(code, '../cbc:DocumentCurrencyCode') ?? ''),
  ),
  // R008: `//*[not(*) and not(normalize-space())]`, every element without children and without text.
  fatal(
    'PEPPOL-EN16931-R008',
    'Document MUST not contain empty elements.',
    '*',
    () => false,
    (node) => node.children.length === 0 && normalizeSpace(node.value) === '',
  ),
  fatal(
    'PEPPOL-EN16931-R010',
    'Buyer electronic address MUST be provided',
    'cac:AccountingCustomerParty/cac:Party',
    (party) => exists(party, 'cbc:EndpointID'),
  ),
  fatal(
    'PEPPOL-EN16931-R020',
    'Seller electronic address MUST be provided',
    'cac:AccountingSupplierParty/cac:Party',
    (party) => exists(party, 'cbc:EndpointID'),
  ),
];

const ALLOWANCE_CHARGE =
  '/Invoice/cac:AllowanceCharge | /Invoice/cac:InvoiceLine/cac:AllowanceCharge | /CreditNote/cac:AllowanceCharge | /CreditNote/cac:CreditNoteLine/cac:AllowanceCharge';
const hasPercent = (entry: XmlElement) => exists(entry, 'cbc:MultiplierFactorNumeric');
const hasBase = (entry: XmlElement) => exists(entry, 'cbc:BaseAmount');
/** R040/R043 share a rule context with R041/R042, which come first and shadow them (schematron semantics). */
const percentAndBaseAgree = (entry: XmlElement) => hasPercent(entry) === hasBase(entry);

const ALLOWANCES_CHARGES: Rule[] = [
  fatal(
    'PEPPOL-EN16931-R041',
    'Allowance/charge base amount MUST be provided when allowance/charge percentage is provided.',
    ALLOWANCE_CHARGE,
    hasBase,
    hasPercent,
  ),
  fatal(
    'PEPPOL-EN16931-R042',
    'Allowance/charge percentage MUST be provided when allowance/charge base amount is provided.',
    ALLOWANCE_CHARGE,
    hasPercent,
    hasBase,
  ),
  fatal(
    'PEPPOL-EN16931-R040',
    'Allowance/charge amount must equal base amount * percentage/100 if base amount and percentage exists',
    ALLOWANCE_CHARGE,
    (entry) => {
      if (!hasPercent(entry) || !hasBase(entry)) return true;
      const base = decimalOf(entry, 'cbc:BaseAmount');
      const percent = decimalOf(entry, 'cbc:MultiplierFactorNumeric');
      const amount = exists(entry, 'cbc:Amount') ? decimalOf(entry, 'cbc:Amount') : toDecimal('0');
      return base !== undefined && percent !== undefined && amount !== undefined
        ? withinSlack(amount, base.times(percent).div(100), '0.02')
        : false;
    },
    percentAndBaseAgree,
  ),
  fatal(
    'PEPPOL-EN16931-R043',
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'",
    ALLOWANCE_CHARGE,
    (entry) => ['true', 'false'].includes(normalizeSpace(textOf(entry, 'cbc:ChargeIndicator') ?? '')),
    percentAndBaseAgree,
  ),
  fatal(
    'PEPPOL-EN16931-R044',
    "Charge on price level is NOT allowed. Only value 'false' allowed.",
    'cac:Price/cac:AllowanceCharge',
    (entry) => normalizeSpace(textOf(entry, 'cbc:ChargeIndicator') ?? '') === 'false',
  ),
  fatal(
    'PEPPOL-EN16931-R046',
    'Item net price MUST equal (Gross price - Allowance amount) when gross price is provided.',
    'cac:Price/cac:AllowanceCharge',
    (entry) => {
      if (!hasBase(entry)) return true;
      const base = decimalOf(entry, 'cbc:BaseAmount');
      const discount = decimalOf(entry, 'cbc:Amount');
      return (
        base !== undefined &&
        discount !== undefined &&
        equal(decimalOf(entry, '../cbc:PriceAmount'), base.minus(discount))
      );
    },
  ),
  fatal(
    'PEPPOL-EN16931-R061',
    'Mandate reference MUST be provided for direct debit.',
    'cac:PaymentMeans',
    (means) => exists(means, 'cac:PaymentMandate/cbc:ID'),
    (means) => ['49', '59'].includes(normalizeSpace(textOf(means, 'cbc:PaymentMeansCode') ?? '')),
  ),
];

const CURRENCY_AMOUNTS =
  'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cac:TaxSubtotal/cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount | cac:TaxTotal/cbc:TaxAmount';

/** `quantity * (price div baseQuantity) + charges − allowances`, the line net amount R120 expects. */
const expectedLineNet = (line: XmlElement, doc: UblDocument): Decimal | undefined => {
  const quantityName = doc.type === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  const quantity = exists(line, quantityName) ? decimalOf(line, quantityName) : toDecimal('1');
  const price = exists(line, 'cac:Price/cbc:PriceAmount')
    ? decimalOf(line, 'cac:Price/cbc:PriceAmount')
    : toDecimal('0');
  const base = decimalOf(line, 'cac:Price/cbc:BaseQuantity');
  const baseQuantity = base !== undefined && !base.eq(0) ? base : toDecimal('1');
  const lineTotal = (indicator: string) => {
    const entries = select(line, 'cac:AllowanceCharge').filter(
      (entry) => normalizeSpace(textOf(entry, 'cbc:ChargeIndicator') ?? '') === indicator,
    );
    const total = sumOf(entries.flatMap((entry) => select(entry, 'cbc:Amount')));
    return total && xpathRound(total, 2);
  };
  const charges = lineTotal('true');
  const allowances = lineTotal('false');
  if ([quantity, price, baseQuantity, charges, allowances].some((value) => value === undefined))
    return undefined;
  return quantity!.times(price!.div(baseQuantity!)).plus(charges!).minus(allowances!);
};

const periodBound =
  (bound: 'cbc:StartDate' | 'cbc:EndDate'): Check =>
  (date) => {
    const line = date.parent?.parent;
    const documentBound = line?.parent && textOf(line.parent, `cac:InvoicePeriod/${bound}`);
    if (documentBound === undefined) return true;
    return bound === 'cbc:StartDate' ? date.value >= documentBound : date.value <= documentBound;
  };

const LINES: Rule[] = [
  fatal(
    'PEPPOL-EN16931-R120',
    'Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount',
    LINE,
    (line, doc) => {
      const net = exists(line, 'cbc:LineExtensionAmount')
        ? decimalOf(line, 'cbc:LineExtensionAmount')
        : toDecimal('0');
      const expected = expectedLineNet(line, doc);
      // u:slack(…, 0.02): two cents either way, as the Peppol schematron allows.
      return net !== undefined && expected !== undefined && withinSlack(net, expected, '0.02');
    },
  ),
  fatal(
    'PEPPOL-EN16931-R121',
    'Base quantity MUST be a positive number above zero.',
    LINE,
    (line) =>
      !exists(line, 'cac:Price/cbc:BaseQuantity') ||
      decimalOf(line, 'cac:Price/cbc:BaseQuantity')?.gt(0) === true,
  ),
  fatal(
    'PEPPOL-EN16931-R100',
    'Only one invoiced object is allowed pr line',
    LINE,
    (line) => select(line, 'cac:DocumentReference').length <= 1,
  ),
  fatal(
    'PEPPOL-EN16931-R101',
    'Element Document reference can only be used for Invoice line object',
    LINE,
    (line) =>
      !exists(line, 'cac:DocumentReference') ||
      select(line, 'cac:DocumentReference/cbc:DocumentTypeCode').some((code) => code.value === '130'),
  ),
  fatal(
    'PEPPOL-EN16931-R110',
    'Start date of line period MUST be within invoice period.',
    'cac:InvoiceLine/cac:InvoicePeriod/cbc:StartDate | cac:CreditNoteLine/cac:InvoicePeriod/cbc:StartDate',
    periodBound('cbc:StartDate'),
  ),
  fatal(
    'PEPPOL-EN16931-R111',
    'End date of line period MUST be within invoice period.',
    'cac:InvoiceLine/cac:InvoicePeriod/cbc:EndDate | cac:CreditNoteLine/cac:InvoicePeriod/cbc:EndDate',
    periodBound('cbc:EndDate'),
  ),
  fatal(
    'PEPPOL-EN16931-R130',
    'Unit code of price base quantity MUST be same as invoiced quantity.',
    'cac:Price/cbc:BaseQuantity',
    (base, doc) => {
      const line = base.parent?.parent;
      const quantity =
        line && select(line, doc.type === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity')[0];
      const hasQuantity =
        line !== undefined && (exists(line, 'cbc:InvoicedQuantity') || exists(line, 'cbc:CreditedQuantity'));
      return !hasQuantity || base.attributes.unitCode === quantity?.attributes.unitCode;
    },
    (base) => base.attributes.unitCode !== undefined,
  ),
  fatal(
    'PEPPOL-EN16931-R051',
    'All currencyID attributes must have the same value as the invoice currency code (BT-5), except for the invoice total VAT amount in accounting currency (BT-111).',
    CURRENCY_AMOUNTS,
    (amount, doc) => amount.attributes.currencyID === doc.currency,
    // cac:TaxTotal/cbc:TaxAmount only counts for the TaxTotal with subtotals (BT-110, not BT-111).
    (amount) => amount.parent?.name !== 'cac:TaxTotal' || exists(amount.parent, 'cac:TaxSubtotal'),
  ),
];

export const PEPPOL_RULES: readonly Rule[] = [...DOCUMENT, ...ALLOWANCES_CHARGES, ...LINES];
