import { fatal, type Rule } from '../rule.js';
import { normalizeSpace, type XmlElement } from '../xml-tree.js';
import { chargeIndicator } from './ubl-terms.js';

/**
 * EN 16931 code list rules BR-CL-* (CEN UBL schematron, provenance in rulesets.ts) for the codes we write and
 * the ones a received document most often gets wrong. Not implemented: BR-CL-07 (UNTDID 1153 object
 * schemes), BR-CL-08 (note subject codes), BR-CL-13 (item classification lists), BR-CL-23 (UN/ECE Rec 20
 * units, ~2,000 codes; our units come from a fixed list) and BR-CL-24 (MIME codes of attachments, which we
 * never send).
 */

const list = (codes: string): ReadonlySet<string> => new Set(codes.split(' '));

/** `contains(' list ', concat(' ', normalize-space(.), ' '))` for a single token. */
const inList =
  (codes: ReadonlySet<string>, read: (node: XmlElement) => string = (node) => node.value) =>
  (node: XmlElement) => {
    const code = normalizeSpace(read(node));
    return !code.includes(' ') && codes.has(code);
  };
const attribute = (name: string) => (node: XmlElement) => node.attributes[name] ?? '';

const INVOICE_TYPES = list(
  '80 82 84 130 202 203 204 211 295 325 326 380 383 384 385 386 387 388 389 390 393 394 395 456 457 527 575 623 633 751 780 935',
);
const CREDIT_NOTE_TYPES = list('81 83 261 262 296 308 381 396 420 458 532');
const ISO_4217 = list(
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UZS VEF VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWL',
);
const ISO_3166 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';
/** UNCL4461 as restricted by EN 16931. */
const PAYMENT_MEANS = list(
  `${Array.from({ length: 70 }, (_, i) => i + 1).join(' ')} 74 75 76 77 78 91 92 93 94 95 96 97 ZZZ`,
);
const VAT_CATEGORIES = list('AE L M E S Z G O K B');
const ALLOWANCE_REASONS = list('41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104');
const CHARGE_REASONS = list(
  'AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU AEV AEW AEX AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS CAT CAU CAV CAW CAX CAY CAZ CD CG CS CT DAB DAD DAC DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DL EG EP ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL RAB RAC RAD RAF RE RF RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH XAA YY ZZZ',
);
const VATEX = list(
  'VATEX-EU-79-C VATEX-EU-132 VATEX-EU-132-1A VATEX-EU-132-1B VATEX-EU-132-1C VATEX-EU-132-1D VATEX-EU-132-1E VATEX-EU-132-1F VATEX-EU-132-1G VATEX-EU-132-1H VATEX-EU-132-1I VATEX-EU-132-1J VATEX-EU-132-1K VATEX-EU-132-1L VATEX-EU-132-1M VATEX-EU-132-1N VATEX-EU-132-1O VATEX-EU-132-1P VATEX-EU-132-1Q VATEX-EU-143 VATEX-EU-143-1A VATEX-EU-143-1B VATEX-EU-143-1C VATEX-EU-143-1D VATEX-EU-143-1E VATEX-EU-143-1F VATEX-EU-143-1FA VATEX-EU-143-1G VATEX-EU-143-1H VATEX-EU-143-1I VATEX-EU-143-1J VATEX-EU-143-1K VATEX-EU-143-1L VATEX-EU-309 VATEX-EU-148 VATEX-EU-148-A VATEX-EU-148-B VATEX-EU-148-C VATEX-EU-148-D VATEX-EU-148-E VATEX-EU-148-F VATEX-EU-148-G VATEX-EU-151 VATEX-EU-151-1A VATEX-EU-151-1AA VATEX-EU-151-1B VATEX-EU-151-1C VATEX-EU-151-1D VATEX-EU-151-1E VATEX-EU-G VATEX-EU-O VATEX-EU-IC VATEX-EU-AE VATEX-EU-D VATEX-EU-F VATEX-EU-I VATEX-EU-J',
);
/** ISO 6523 ICD 0002…0209 without the unassigned 0092, 0103, 0181 and 0182. */
const ICD = list(
  Array.from({ length: 208 }, (_, i) => String(i + 2).padStart(4, '0'))
    .filter((code) => !['0092', '0103', '0181', '0182'].includes(code))
    .join(' '),
);
/** CEF EAS, the Electronic Address Scheme list of BR-CL-25. */
const EAS = list(
  '0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0208 0209 9901 9902 9904 9905 9906 9907 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9955 9956 9957 AN AQ AS AU EM',
);

const AMOUNTS =
  'cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount';

/** `cac:AllowanceCharge[cbc:ChargeIndicator = true()]` (false() for allowances). */
const isCharge = (charge: boolean) => (code: XmlElement) =>
  code.parent !== undefined && chargeIndicator(code.parent) === charge;
const hasAttribute = (name: string) => (node: XmlElement) => node.attributes[name] !== undefined;

export const EN16931_CODE_RULES: readonly Rule[] = [
  fatal(
    'BR-CL-01',
    'The document type code MUST be coded by the invoice and credit note related code lists of UNTDID 1001.',
    'cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode',
    (code) => inList(code.name === 'cbc:InvoiceTypeCode' ? INVOICE_TYPES : CREDIT_NOTE_TYPES)(code),
  ),
  fatal(
    'BR-CL-03',
    'currencyID MUST be coded using ISO code list 4217 alpha-3',
    AMOUNTS,
    inList(ISO_4217, attribute('currencyID')),
  ),
  fatal(
    'BR-CL-04',
    'Invoice currency code MUST be coded using ISO code list 4217 alpha-3',
    'cbc:DocumentCurrencyCode',
    inList(ISO_4217),
  ),
  fatal(
    'BR-CL-05',
    'Tax currency code MUST be coded using ISO code list 4217 alpha-3',
    'cbc:TaxCurrencyCode',
    inList(ISO_4217),
  ),
  fatal(
    'BR-CL-06',
    'Value added tax point date code MUST be coded using a restriction of UNTDID 2005.',
    'cac:InvoicePeriod/cbc:DescriptionCode',
    inList(list('3 35 432')),
  ),
  fatal(
    'BR-CL-10',
    'Any identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    'cac:PartyIdentification/cbc:ID',
    // SEPA creditor ids (BT-90) are allowed for the seller and the payee only.
    (id) => {
      if (inList(ICD, attribute('schemeID'))(id)) return true;
      let node: XmlElement | undefined = id;
      while (node && node.name !== 'cac:AccountingSupplierParty' && node.name !== 'cac:PayeeParty')
        node = node.parent;
      return node !== undefined && normalizeSpace(id.attributes.schemeID ?? '') === 'SEPA';
    },
    hasAttribute('schemeID'),
  ),
  fatal(
    'BR-CL-11',
    'Any registration identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    'cac:PartyLegalEntity/cbc:CompanyID',
    inList(ICD, attribute('schemeID')),
    hasAttribute('schemeID'),
  ),
  fatal(
    'BR-CL-14',
    'Country codes in an invoice MUST be coded using ISO code list 3166-1',
    'cac:Country/cbc:IdentificationCode',
    inList(list(`1A ${ISO_3166}`)),
  ),
  fatal(
    'BR-CL-15',
    'Country codes in an invoice MUST be coded using ISO code list 3166-1',
    'cac:OriginCountry/cbc:IdentificationCode',
    inList(list(ISO_3166)),
  ),
  fatal(
    'BR-CL-16',
    'Payment means in an invoice MUST be coded using UNCL4461 code list',
    'cac:PaymentMeans/cbc:PaymentMeansCode',
    inList(PAYMENT_MEANS),
  ),
  fatal(
    'BR-CL-17',
    'Invoice tax categories MUST be coded using UNCL5305 code list',
    'cac:TaxCategory/cbc:ID',
    inList(VAT_CATEGORIES),
  ),
  fatal(
    'BR-CL-18',
    'Invoice tax categories MUST be coded using UNCL5305 code list',
    'cac:ClassifiedTaxCategory/cbc:ID',
    inList(VAT_CATEGORIES),
  ),
  fatal(
    'BR-CL-19',
    'Coded allowance reasons MUST belong to the UNCL 5189 code list',
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    inList(ALLOWANCE_REASONS),
    isCharge(false),
  ),
  fatal(
    'BR-CL-20',
    'Coded charge reasons MUST belong to the UNCL 7161 code list',
    'cac:AllowanceCharge/cbc:AllowanceChargeReasonCode',
    inList(CHARGE_REASONS),
    isCharge(true),
  ),
  fatal(
    'BR-CL-21',
    'Item standard identifier scheme identifier MUST belong to the ISO 6523 ICD code list',
    'cac:StandardItemIdentification/cbc:ID',
    inList(ICD, attribute('schemeID')),
    hasAttribute('schemeID'),
  ),
  fatal(
    'BR-CL-22',
    'Tax exemption reason code identifier scheme identifier MUST belong to the CEF VATEX code list',
    'cbc:TaxExemptionReasonCode',
    inList(VATEX, (code) => code.value.toUpperCase()),
  ),
  fatal(
    'BR-CL-25',
    'Endpoint identifier scheme identifier MUST belong to the CEF EAS code list',
    'cbc:EndpointID',
    inList(EAS, attribute('schemeID')),
    hasAttribute('schemeID'),
  ),
  fatal(
    'BR-CL-26',
    'Delivery location identifier scheme identifier MUST belong to the ISO 6523 ICD code list',
    'cac:DeliveryLocation/cbc:ID',
    inList(ICD, attribute('schemeID')),
    hasAttribute('schemeID'),
  ),
];
