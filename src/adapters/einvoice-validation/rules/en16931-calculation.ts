import type { Decimal } from '../../../domain/shared/money.js';
import { fatal, LINE, ROOT, type Rule } from '../rule.js';
import { exists, select, textOf, type XmlElement } from '../xml-tree.js';
import { decimalOf, equal, sumOf, toDecimal, xpathRound } from '../xpath-numbers.js';
import {
  chargeIndicator,
  DOCUMENT_ALLOWANCE_CHARGE,
  documentAllowanceCharges,
  hasReason,
  isAllowance,
  isCharge,
  isVatScheme,
  LINE_ALLOWANCE_CHARGE,
} from './ubl-terms.js';

/**
 * EN 16931 conditions BR-CO-* (mostly the calculation of totals), from the CEN UBL schematron (provenance in
 * rulesets.ts). BR-CO-25 (due date or payment terms when an amount is due) is not here: the 1.3.16 artefacts
 * of Peppol BIS 3.0.21 removed it (release notes v3.0.21, "BR-CO-25 removed"); our generator still states
 * both. The
 * arithmetic mirrors the schematron: sums rounded with XPath `round(x * 100) div 100` (halves towards +∞),
 * equality where it tests equality and the CEN tolerance of ± 1 for BR-CO-17. Our own domain is stricter
 * (exact cents); the validator only has to agree with the official one.
 */

const round2 = (value: Decimal | undefined) => value && xpathRound(value, 2);
const amount = (total: XmlElement, name: string) => decimalOf(total, name);
/** `xs:decimal(x)` as a boolean: absent and 0 are both false. */
const truthy = (value: Decimal | undefined) => value !== undefined && !value.eq(0);

const documentTotal = (total: XmlElement, charge: boolean) => {
  const root = total.parent;
  if (root === undefined) return undefined;
  return sumOf(
    select(root, 'cac:AllowanceCharge')
      .filter((entry) => chargeIndicator(entry) === charge)
      .flatMap((entry) => select(entry, 'cbc:Amount')),
  );
};

/** ISO 3166-1 alpha-2 plus EL, as listed in BR-CO-09. */
const VAT_PREFIXES =
  'AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

const TOTALS: Rule[] = [
  fatal(
    'BR-CO-10',
    'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).',
    'cac:LegalMonetaryTotal',
    (total, doc) =>
      equal(
        amount(total, 'cbc:LineExtensionAmount'),
        round2(sumOf(doc.lines.flatMap((line) => select(line, 'cbc:LineExtensionAmount')))),
      ),
  ),
  fatal(
    'BR-CO-11',
    'Sum of allowances on document level (BT-107) = Σ Document level allowance amount (BT-92).',
    'cac:LegalMonetaryTotal',
    (total, doc) =>
      equal(amount(total, 'cbc:AllowanceTotalAmount'), round2(documentTotal(total, false))) ||
      (!exists(total, 'cbc:AllowanceTotalAmount') && documentAllowanceCharges(doc, false).length === 0),
  ),
  fatal(
    'BR-CO-12',
    'Sum of charges on document level (BT-108) = Σ Document level charge amount (BT-99).',
    'cac:LegalMonetaryTotal',
    (total, doc) =>
      equal(amount(total, 'cbc:ChargeTotalAmount'), round2(documentTotal(total, true))) ||
      (!exists(total, 'cbc:ChargeTotalAmount') && documentAllowanceCharges(doc, true).length === 0),
  ),
  fatal(
    'BR-CO-13',
    'Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).',
    'cac:LegalMonetaryTotal',
    (total) => {
      const lines = amount(total, 'cbc:LineExtensionAmount');
      const allowances = exists(total, 'cbc:AllowanceTotalAmount')
        ? amount(total, 'cbc:AllowanceTotalAmount')
        : undefined;
      const charges = exists(total, 'cbc:ChargeTotalAmount')
        ? amount(total, 'cbc:ChargeTotalAmount')
        : undefined;
      if (lines === undefined) return false;
      if (exists(total, 'cbc:AllowanceTotalAmount') && allowances === undefined) return false;
      if (exists(total, 'cbc:ChargeTotalAmount') && charges === undefined) return false;
      const expected = lines.plus(charges ?? 0).minus(allowances ?? 0);
      const net = amount(total, 'cbc:TaxExclusiveAmount');
      return allowances === undefined && charges === undefined
        ? equal(net, lines)
        : equal(net, round2(expected));
    },
  ),
  fatal(
    'BR-CO-14',
    'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).',
    '/Invoice/cac:TaxTotal | /CreditNote/cac:TaxTotal',
    (total) =>
      !exists(total, 'cac:TaxSubtotal') ||
      equal(decimalOf(total, 'cbc:TaxAmount'), round2(sumOf(select(total, 'cac:TaxSubtotal/cbc:TaxAmount')))),
  ),
  fatal(
    'BR-CO-15',
    'Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).',
    ROOT,
    (root) =>
      select(root, 'cbc:DocumentCurrencyCode').every((code) => {
        // Exactly one VAT total in the document currency; two would be a sequence, which XPath cannot add.
        const vat = select(root, 'cac:TaxTotal/cbc:TaxAmount').filter(
          (a) => a.attributes.currencyID === code.value,
        );
        const net = decimalOf(root, 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount');
        const vatAmount = vat.length === 1 ? toDecimal(vat[0]!.value) : undefined;
        return (
          net !== undefined &&
          vatAmount !== undefined &&
          equal(decimalOf(root, 'cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount'), round2(net.plus(vatAmount)))
        );
      }),
  ),
  fatal(
    'BR-CO-16',
    'Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).',
    'cac:LegalMonetaryTotal',
    (total) => {
      const payable = amount(total, 'cbc:PayableAmount');
      const gross = amount(total, 'cbc:TaxInclusiveAmount');
      const prepaid = amount(total, 'cbc:PrepaidAmount');
      const rounding = amount(total, 'cbc:PayableRoundingAmount');
      if (payable === undefined || gross === undefined) return false;
      // The four branches of the official test; note the "xs:decimal(x)" ones treat 0 like absent.
      return (
        (exists(total, 'cbc:PrepaidAmount') &&
          !exists(total, 'cbc:PayableRoundingAmount') &&
          prepaid !== undefined &&
          equal(payable, round2(gross.minus(prepaid)))) ||
        (!truthy(prepaid) && !truthy(rounding) && payable.eq(gross)) ||
        (truthy(prepaid) &&
          truthy(rounding) &&
          equal(round2(payable.minus(rounding!)), round2(gross.minus(prepaid!)))) ||
        (!truthy(prepaid) && truthy(rounding) && equal(round2(payable.minus(rounding!)), gross))
      );
    },
  ),
  fatal(
    'BR-CO-17',
    'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.',
    'cac:TaxTotal/cac:TaxSubtotal',
    (subtotal) => {
      const category = select(subtotal, 'cac:TaxCategory').find(isVatScheme);
      const percent =
        category && exists(category, 'cbc:Percent') ? decimalOf(category, 'cbc:Percent') : undefined;
      const tax = decimalOf(subtotal, 'cbc:TaxAmount');
      const taxable = decimalOf(subtotal, 'cbc:TaxableAmount');
      if (tax === undefined) return false;
      if (percent === undefined || xpathRound(percent).eq(0)) return xpathRound(tax).eq(0);
      if (taxable === undefined) return false;
      // ± 1 (strict) around the rounded product, as the CEN schematron tests it.
      const expected = xpathRound(taxable.abs().times(percent).div(100), 2);
      return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
    },
  ),
  fatal('BR-CO-18', 'An Invoice shall at least have one VAT breakdown group (BG-23).', ROOT, (root) =>
    exists(root, 'cac:TaxTotal/cac:TaxSubtotal'),
  ),
];

const CONDITIONS: Rule[] = [
  fatal(
    'BR-CO-03',
    'Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.',
    ROOT,
    (root) => !(exists(root, 'cbc:TaxPointDate') && exists(root, 'cac:InvoicePeriod/cbc:DescriptionCode')),
  ),
  fatal(
    'BR-CO-04',
    'Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).',
    LINE,
    (line) =>
      select(line, 'cac:Item/cac:ClassifiedTaxCategory').some((c) => isVatScheme(c) && exists(c, 'cbc:ID')),
  ),
  fatal(
    'BR-CO-09',
    'The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may use the prefix ‘EL’.',
    'cac:PartyTaxScheme',
    // contains(list, substring(CompanyID, 1, 2)), literally: an empty or one-letter id passes as upstream.
    (scheme) => VAT_PREFIXES.includes((textOf(scheme, 'cbc:CompanyID') ?? '').slice(0, 2)),
    isVatScheme,
  ),
  fatal(
    'BR-CO-19',
    'If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the Invoicing period end date (BT-74) shall be filled, or both.',
    '/Invoice/cac:InvoicePeriod | /CreditNote/cac:InvoicePeriod',
    // The form CEN restored in 2021 (eInvoicing-EN16931 issue #219): a period may also carry only the VAT point
    // date code BT-8, and a code next to dates is fine; the official examples rely on both.
    (period) =>
      exists(period, 'cbc:StartDate') ||
      exists(period, 'cbc:EndDate') ||
      exists(period, 'cbc:DescriptionCode'),
  ),
  fatal(
    'BR-CO-20',
    'If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.',
    'cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod',
    (period) => exists(period, 'cbc:StartDate') || exists(period, 'cbc:EndDate'),
  ),
  fatal(
    'BR-CO-21',
    'Each Document level allowance (BG-20) shall contain a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98), or both.',
    DOCUMENT_ALLOWANCE_CHARGE,
    hasReason,
    isAllowance,
  ),
  fatal(
    'BR-CO-22',
    'Each Document level charge (BG-21) shall contain a Document level charge reason (BT-104) or a Document level charge reason code (BT-105), or both.',
    DOCUMENT_ALLOWANCE_CHARGE,
    hasReason,
    isCharge,
  ),
  fatal(
    'BR-CO-23',
    'Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.',
    LINE_ALLOWANCE_CHARGE,
    hasReason,
    isAllowance,
  ),
  fatal(
    'BR-CO-24',
    'Each Invoice line charge (BG-28) shall contain an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145), or both.',
    LINE_ALLOWANCE_CHARGE,
    hasReason,
    isCharge,
  ),
  fatal(
    'BR-CO-26',
    'In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.',
    'cac:AccountingSupplierParty',
    (supplier) =>
      select(supplier, 'cac:Party/cac:PartyTaxScheme').some(
        (s) => isVatScheme(s) && exists(s, 'cbc:CompanyID'),
      ) ||
      exists(supplier, 'cac:Party/cac:PartyIdentification/cbc:ID') ||
      exists(supplier, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID'),
  ),
];

export const EN16931_CALCULATION_RULES: readonly Rule[] = [...TOTALS, ...CONDITIONS];
