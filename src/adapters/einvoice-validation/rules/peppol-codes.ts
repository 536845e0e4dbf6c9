import { fatal, type Rule, warning } from '../rule.js';
import type { UblDocument } from '../ubl-document.js';
import { normalizeSpace, textOf, type XmlElement } from '../xml-tree.js';
import { bothGerman, profileOf } from './peppol.js';

/**
 * Peppol BIS Billing 3.0.21 restricted code lists (PEPPOL-EN16931-CL*, -P01*, -F001) and identifier formats
 * (PEPPOL-COMMON-R*) for the schemes we meet: GLN, Belgian enterprise numbers and the Dutch identifiers whose
 * format checks 3.0.21 introduced as warnings. Same source as peppol.ts, from which the code lists are copied.
 */

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
      normalizeSpace(textOf(id, '../cac:TaxScheme/cbc:ID') ?? '') === 'VAT' &&
      normalizeSpace(id.value).startsWith('NL'),
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
  textOf(code, '../cbc:ChargeIndicator') === charge;
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
      (taxCategory) => normalizeSpace(textOf(taxCategory, 'cbc:ID') ?? '') === category,
      (taxCategory) => (textOf(taxCategory, 'cbc:TaxExemptionReasonCode') ?? '').toUpperCase() === code,
    ),
  ),
];

export const PEPPOL_CODE_RULES: readonly Rule[] = [...IDENTIFIERS, ...CODES];
