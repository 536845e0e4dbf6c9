import type { Decimal } from '../../../domain/shared/money.js';
import { type Check, fatal, LINE, ROOT, type Rule, warning } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { exists, normalizeSpace, select, valueOf, type XmlElement } from '../xml-tree.js';
import { decimalOf, equal, sumOf, toDecimal, withinSlack, xpathRound } from '../xpath-numbers.js';

/**
 * Peppol BIS Billing 3.0 transaction rules PEPPOL-EN16931-*, the identifier checks PEPPOL-COMMON-* for the
 * schemes we meet (GLN, Belgian and Dutch identifiers) and the restricted code lists, from OpenPeppol
 * `rules/sch/PEPPOL-EN16931-UBL.sch` release 3.0.21 ("Last update: 2026 May release 3.0.21"). Messages are
 * the official texts. The national rules of other countries (DK, GR, IS, IT, NO, SE, DE) are not
 * implemented: our sellers are Dutch (the Dutch ones are in peppol-nl.ts).
 */

const CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';

/** `$profile`: the NN of `urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0` (unanchored regex, as upstream). */
const profileOf = (doc: UblDocument): string | undefined => {
  const profile = normalizeSpace(valueOf(doc.root, 'cbc:ProfileID') ?? '');
  return /urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0/.test(profile) ? profile.split(':')[6] : undefined;
};

const bothGerman = (doc: UblDocument) => doc.sellerCountry === 'DE' && doc.buyerCountry === 'DE';

const vatTotals = (root: XmlElement, currency: string | undefined) =>
  select(root, 'cac:TaxTotal/cbc:TaxAmount')
    .filter((amount) => amount.attributes.currencyID === normalizeSpace(currency ?? ''))
    .map((amount) => toDecimal(amount.value));
const someAmount = (amounts: (Decimal | undefined)[], test: (amount: Decimal) => boolean) =>
  amounts.some((amount) => amount !== undefined && test(amount));

const DOCUMENT: Rule[] = [
  fatal('PEPPOL-EN16931-R001', 'Business process MUST be provided.', ROOT, (root) => exists(root, 'cbc:ProfileID')),
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
      const inTaxCurrency = vatTotals(root, valueOf(root, 'cbc:TaxCurrencyCode'));
      const inDocumentCurrency = vatTotals(root, valueOf(root, 'cbc:DocumentCurrencyCode'));
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
      select(root, 'cac:AdditionalDocumentReference').filter((r) => valueOf(r, 'cbc:DocumentTypeCode') === '50')
        .length <= 1,
  ),
  fatal(
    'PEPPOL-EN16931-R005',
    'VAT accounting currency code MUST be different from invoice currency code when provided.',
    'cbc:TaxCurrencyCode',
    (code) => normalizeSpace(code.value) !== normalizeSpace(valueOf(code, '../cbc:DocumentCurrencyCode') ?? ''),
  ),
  // R008: `//*[not(*) and not(normalize-space())]`, every element without children and without text.
  fatal(
    'PEPPOL-EN16931-R008',
    'Document MUST not contain empty elements.',
    '*',
    () => false,
    (node) => node.children.length === 0 && normalizeSpace(node.value) === '',
  ),
  fatal('PEPPOL-EN16931-R010', 'Buyer electronic address MUST be provided', 'cac:AccountingCustomerParty/cac:Party', (party) =>
    exists(party, 'cbc:EndpointID'),
  ),
  fatal('PEPPOL-EN16931-R020', 'Seller electronic address MUST be provided', 'cac:AccountingSupplierParty/cac:Party', (party) =>
    exists(party, 'cbc:EndpointID'),
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
    (entry) => ['true', 'false'].includes(normalizeSpace(valueOf(entry, 'cbc:ChargeIndicator') ?? '')),
    percentAndBaseAgree,
  ),
  fatal(
    'PEPPOL-EN16931-R044',
    "Charge on price level is NOT allowed. Only value 'false' allowed.",
    'cac:Price/cac:AllowanceCharge',
    (entry) => normalizeSpace(valueOf(entry, 'cbc:ChargeIndicator') ?? '') === 'false',
  ),
  fatal(
    'PEPPOL-EN16931-R046',
    'Item net price MUST equal (Gross price - Allowance amount) when gross price is provided.',
    'cac:Price/cac:AllowanceCharge',
    (entry) => {
      if (!hasBase(entry)) return true;
      const base = decimalOf(entry, 'cbc:BaseAmount');
      const discount = decimalOf(entry, 'cbc:Amount');
      return base !== undefined && discount !== undefined && equal(decimalOf(entry, '../cbc:PriceAmount'), base.minus(discount));
    },
  ),
  fatal(
    'PEPPOL-EN16931-R061',
    'Mandate reference MUST be provided for direct debit.',
    'cac:PaymentMeans',
    (means) => exists(means, 'cac:PaymentMandate/cbc:ID'),
    (means) => ['49', '59'].includes(normalizeSpace(valueOf(means, 'cbc:PaymentMeansCode') ?? '')),
  ),
];

const CURRENCY_AMOUNTS =
  'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cac:TaxSubtotal/cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount | cac:TaxTotal/cbc:TaxAmount';

/** `quantity * (price div baseQuantity) + charges − allowances`, the line net amount R120 expects. */
const expectedLineNet = (line: XmlElement, doc: UblDocument): Decimal | undefined => {
  const quantityName = doc.type === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  const quantity = exists(line, quantityName) ? decimalOf(line, quantityName) : toDecimal('1');
  const price = exists(line, 'cac:Price/cbc:PriceAmount') ? decimalOf(line, 'cac:Price/cbc:PriceAmount') : toDecimal('0');
  const base = decimalOf(line, 'cac:Price/cbc:BaseQuantity');
  const baseQuantity = base !== undefined && !base.eq(0) ? base : toDecimal('1');
  const lineTotal = (indicator: string) => {
    const entries = select(line, 'cac:AllowanceCharge').filter(
      (entry) => normalizeSpace(valueOf(entry, 'cbc:ChargeIndicator') ?? '') === indicator,
    );
    const total = sumOf(entries.flatMap((entry) => select(entry, 'cbc:Amount')));
    return total && xpathRound(total, 2);
  };
  const charges = lineTotal('true');
  const allowances = lineTotal('false');
  if ([quantity, price, baseQuantity, charges, allowances].some((value) => value === undefined)) return undefined;
  return quantity!.times(price!.div(baseQuantity!)).plus(charges!).minus(allowances!);
};

const periodBound = (bound: 'cbc:StartDate' | 'cbc:EndDate'): Check => (date) => {
  const line = date.parent?.parent;
  const documentBound = line?.parent && valueOf(line.parent, `cac:InvoicePeriod/${bound}`);
  if (documentBound === undefined) return true;
  return bound === 'cbc:StartDate' ? date.value >= documentBound : date.value <= documentBound;
};

const LINES: Rule[] = [
  fatal(
    'PEPPOL-EN16931-R120',
    'Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount',
    LINE,
    (line, doc) => {
      const net = exists(line, 'cbc:LineExtensionAmount') ? decimalOf(line, 'cbc:LineExtensionAmount') : toDecimal('0');
      const expected = expectedLineNet(line, doc);
      // u:slack(…, 0.02): two cents either way, as the Peppol schematron allows.
      return net !== undefined && expected !== undefined && withinSlack(net, expected, '0.02');
    },
  ),
  fatal(
    'PEPPOL-EN16931-R121',
    'Base quantity MUST be a positive number above zero.',
    LINE,
    (line) => !exists(line, 'cac:Price/cbc:BaseQuantity') || decimalOf(line, 'cac:Price/cbc:BaseQuantity')?.gt(0) === true,
  ),
  fatal('PEPPOL-EN16931-R100', 'Only one invoiced object is allowed pr line', LINE, (line) =>
    select(line, 'cac:DocumentReference').length <= 1,
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
      const quantity = line && select(line, doc.type === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity')[0];
      const hasQuantity = line !== undefined && (exists(line, 'cbc:InvoicedQuantity') || exists(line, 'cbc:CreditedQuantity'));
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

/** GS1 check digit (u:gln). */
const isGln = (value: string) => {
  if (!/^[0-9]+$/.test(value)) return false;
  const digits = [...value.slice(0, -1)].reverse().map(Number);
  const weighted = digits.reduce((sum, digit, i) => sum + digit * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (weighted % 10)) % 10 === Number(value.slice(-1));
};
/** Belgian enterprise number (u:mod97-0208): the last two digits are 97 − (first eight mod 97). */
const isBelgianEnterprise = (value: string) =>
  /^[0-9]{10}$/.test(value) && Number(value.slice(8)) === 97 - (Number(value.slice(0, 8)) % 97);

const IDENTIFIER = 'cbc:EndpointID | cac:PartyIdentification/cbc:ID | cbc:CompanyID';
const withScheme = (scheme: string) => (id: XmlElement) => id.attributes.schemeID === scheme;

const IDENTIFIERS: Rule[] = [
  fatal(
    'PEPPOL-COMMON-R040',
    'GLN must have a valid format according to GS1 rules.',
    IDENTIFIER,
    (id) => isGln(normalizeSpace(id.value)),
    withScheme('0088'),
  ),
  fatal(
    'PEPPOL-COMMON-R043',
    'Belgian enterprise number MUST be stated in the correct format.',
    IDENTIFIER,
    (id) => isBelgianEnterprise(normalizeSpace(id.value)),
    withScheme('0208'),
  ),
  warning(
    'PEPPOL-COMMON-R054',
    'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct format (12345678).',
    IDENTIFIER,
    (id) => /^[0-9]{8}$/.test(normalizeSpace(id.value)),
    withScheme('0106'),
  ),
  warning(
    'PEPPOL-COMMON-R055',
    'Dutch organization identification numbers (0190) MUST be stated in the correct format (12345678901234567890).',
    IDENTIFIER,
    (id) => /^[0-9]{20}$/.test(normalizeSpace(id.value)),
    withScheme('0190'),
  ),
  warning(
    'PEPPOL-COMMON-R056-1',
    'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).',
    IDENTIFIER,
    (id) => /^NL[0-9]{9}B[0-9]{2}$/.test(normalizeSpace(id.value)),
    withScheme('9944'),
  ),
  warning(
    'PEPPOL-COMMON-R056-2',
    'Dutch VAT numbers MUST have the format (NL123456789B12).',
    'cac:PartyTaxScheme/cbc:CompanyID',
    (id) => /^NL[0-9]{9}B[0-9]{2}$/.test(normalizeSpace(id.value)),
    (id) =>
      normalizeSpace(valueOf(id, '../cac:TaxScheme/cbc:ID') ?? '') === 'VAT' && normalizeSpace(id.value).startsWith('NL'),
  ),
  warning(
    'PEPPOL-COMMON-R057',
    'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the correct format (12345678901234567890).',
    IDENTIFIER,
    (id) => /^[0-9]{20}$/.test(normalizeSpace(id.value)),
    withScheme('0217'),
  ),
];

const tokens = (codes: string): ReadonlySet<string> => new Set(codes.split(' '));
const ISO_4217 = tokens(
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA YER ZAR ZMW ZWG XXX CNH',
);
const UNCL5189 = tokens('41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105');
const UNCL7161 = tokens(
  'AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU AEV AEW AEX AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS CAT CAU CAV CAW CAX CAY CAZ CD CG CS CT DAB DAC DAD DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DL EG EP ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL PRV RAB RAC RAD RAF RE RF RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH XAA YY ZZZ',
);
const EAS = tokens(
  '0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0151 0177 0183 0184 0188 0190 0191 0192 0193 0195 0196 0198 0199 0200 0201 0202 0204 0208 0209 0210 0211 0212 0213 0215 0216 0218 0221 0230 0235 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959 0147 0154 0158 0170 0194 0203 0205 0217 0225 0240 0244 0245',
);
const INVOICE_TYPES = tokens(
  '71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877',
);
const CREDIT_NOTE_TYPES = tokens('381 396 81 83 532');
const MIME_CODES = tokens(
  'application/pdf image/png image/jpeg text/csv application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/vnd.oasis.opendocument.spreadsheet',
);

const billingProfile = (doc: UblDocument) => ['01', '02'].includes(profileOf(doc) ?? '');
const reasonCodeOf = (charge: string) => (code: XmlElement) =>
  valueOf(code, '../cbc:ChargeIndicator') === charge;
/** Valid xs:date without timezone, `string-length(text()) = 10 and (string(.) castable as xs:date)`. */
const isDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

/** P0104…P0111: an exemption reason code belongs to one category. */
const EXEMPTION_CATEGORIES: readonly (readonly [string, string, string])[] = [
  ['PEPPOL-EN16931-P0104', 'VATEX-EU-G', 'G'],
  ['PEPPOL-EN16931-P0105', 'VATEX-EU-O', 'O'],
  ['PEPPOL-EN16931-P0106', 'VATEX-EU-IC', 'K'],
  ['PEPPOL-EN16931-P0107', 'VATEX-EU-AE', 'AE'],
  ['PEPPOL-EN16931-P0108', 'VATEX-EU-D', 'E'],
  ['PEPPOL-EN16931-P0109', 'VATEX-EU-F', 'E'],
  ['PEPPOL-EN16931-P0110', 'VATEX-EU-I', 'E'],
  ['PEPPOL-EN16931-P0111', 'VATEX-EU-J', 'E'],
];

const CODES: Rule[] = [
  fatal(
    'PEPPOL-EN16931-CL001',
    'Mime code must be according to subset of IANA code list.',
    'cbc:EmbeddedDocumentBinaryObject',
    (object) => MIME_CODES.has(object.attributes.mimeCode ?? ''),
    (object) => object.attributes.mimeCode !== undefined,
  ),
  fatal(
    'PEPPOL-EN16931-CL002',
    'Reason code MUST be according to subset of UNCL 5189 D.16B.',
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    (code) => UNCL5189.has(normalizeSpace(code.value)),
    reasonCodeOf('false'),
  ),
  fatal(
    'PEPPOL-EN16931-CL003',
    'Reason code MUST be according to UNCL 7161 D.16B.',
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    (code) => UNCL7161.has(normalizeSpace(code.value)),
    reasonCodeOf('true'),
  ),
  fatal(
    'PEPPOL-EN16931-CL006',
    'Invoice period description code must be according to UNCL 2005 D.16B.',
    'cac:InvoicePeriod/cbc:DescriptionCode',
    (code) => ['3', '35', '432'].includes(normalizeSpace(code.value)),
  ),
  fatal(
    'PEPPOL-EN16931-CL007',
    'Currency code must be according to ISO 4217:2005',
    'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount',
    (amount) => ISO_4217.has(amount.attributes.currencyID ?? ''),
  ),
  fatal(
    'PEPPOL-EN16931-CL008',
    'Electronic address identifier scheme must be from the codelist "Electronic Address Identifier Scheme"',
    'cbc:EndpointID',
    (endpoint) => EAS.has(endpoint.attributes.schemeID ?? ''),
    (endpoint) => endpoint.attributes.schemeID !== undefined,
  ),
  fatal(
    'PEPPOL-EN16931-P0100',
    'Invoice type code MUST be set according to the profile.',
    'cbc:InvoiceTypeCode',
    (code, doc) => !billingProfile(doc) || INVOICE_TYPES.has(normalizeSpace(code.value)),
  ),
  fatal(
    'PEPPOL-EN16931-P0112',
    'Invoice type code 326 or 384 are only allowed when both buyer and seller are German organizations',
    'cbc:InvoiceTypeCode',
    (code, doc) => !['326', '384'].includes(normalizeSpace(code.value)) || bothGerman(doc),
  ),
  fatal(
    'PEPPOL-EN16931-P0101',
    'Credit note type code MUST be set according to the profile.',
    'cbc:CreditNoteTypeCode',
    (code, doc) => !billingProfile(doc) || CREDIT_NOTE_TYPES.has(normalizeSpace(code.value)),
  ),
  fatal(
    'PEPPOL-EN16931-F001',
    'A date MUST be formatted YYYY-MM-DD.',
    'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | cbc:ActualDeliveryDate',
    (date) => isDate(date.value),
  ),
  ...EXEMPTION_CATEGORIES.map(([id, code, category]) =>
    fatal(
      id,
      `Tax Category ${category} MUST be used when exemption reason code is ${code}`,
      'cac:TaxCategory',
      (taxCategory) => normalizeSpace(valueOf(taxCategory, 'cbc:ID') ?? '') === category,
      (taxCategory) => (valueOf(taxCategory, 'cbc:TaxExemptionReasonCode') ?? '').toUpperCase() === code,
    ),
  ),
];

export const PEPPOL_RULES: readonly Rule[] = [...DOCUMENT, ...ALLOWANCES_CHARGES, ...LINES, ...IDENTIFIERS, ...CODES];
