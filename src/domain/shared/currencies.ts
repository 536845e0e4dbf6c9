import { decimal } from './money.js';

/**
 * Currencies an invoice may be made out in: the ISO 4217 codes of legal tender that are in force
 * and also on the EN 16931 code list (BR-CL-03, 1.3.16), so the e-invoice can carry them. Fund
 * codes (BOV, CHE, COU, …), precious metals and testing codes (XAU, XTS, XXX, …) are no currency a
 * shop is paid in; withdrawn codes (HRK, MRO, STD, VEF, SLL, ZWL, CUC) and codes newer than the EN
 * list (MRU, STN, SLE, VED, VES, ZWG, XCG) cannot appear on a valid e-invoice today.
 */
export const INVOICE_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
    'BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
    'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW ' +
    'KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN ' +
    'NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP ' +
    'SOS SRD SSP SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VND VUV WST XAF ' +
    'XCD XOF XPF YER ZAR ZMW'
  ).split(' '),
);

/**
 * ECB euro reference rates (order-currency units per 1 EUR), rounded, as of 2026. Only a sanity
 * band is derived from them: a rate more than PLAUSIBILITY_FACTOR away is almost always a typo or
 * an inverted rate (EUR per unit instead of units per EUR), which the accountant would otherwise
 * find months later in the VAT return. An inverted rate of a currency near parity (USD, GBP, CHF)
 * stays inside the band: that one cannot be told from a real rate.
 */
const ECB_REFERENCE_RATES: Readonly<Record<string, string>> = {
  AUD: '1.75',
  BGN: '1.9558',
  BRL: '6.3',
  CAD: '1.6',
  CHF: '0.94',
  CNY: '8.3',
  CZK: '24.5',
  DKK: '7.46',
  GBP: '0.87',
  HKD: '9.0',
  HUF: '390',
  IDR: '19000',
  ILS: '3.9',
  INR: '100',
  ISK: '145',
  JPY: '170',
  KRW: '1650',
  MXN: '21.5',
  MYR: '4.9',
  NOK: '11.7',
  NZD: '2.0',
  PHP: '67',
  PLN: '4.25',
  RON: '5.05',
  SEK: '11.0',
  SGD: '1.5',
  THB: '37.5',
  TRY: '48',
  USD: '1.16',
  ZAR: '20.5',
};
const PLAUSIBILITY_FACTOR = 4;
/** No currency is worth more than 10 EUR a unit (KWD, the dearest, is about 3), nor trades above 10^8 per EUR. */
const MIN_RATE = '0.1';
const MAX_RATE = '100000000';

/** Why `rate` cannot be the price of 1 EUR in `currency`, or undefined when it is plausible. */
export function implausibleExchangeRate(currency: string, rate: string): string | undefined {
  const value = decimal(rate);
  if (value.lte(0)) return 'must be greater than zero';
  const reference = ECB_REFERENCE_RATES[currency];
  const [low, high] =
    reference === undefined
      ? [decimal(MIN_RATE), decimal(MAX_RATE)]
      : [decimal(reference).div(PLAUSIBILITY_FACTOR), decimal(reference).times(PLAUSIBILITY_FACTOR)];
  if (value.gte(low) && value.lte(high)) return undefined;
  const expected = reference === undefined ? '' : ` (about ${reference})`;
  return (
    `is implausible for ${currency}: it must be ${currency} units per 1 EUR${expected}, ` +
    `between ${low.toFixed()} and ${high.toFixed()}; an inverted rate is the usual cause`
  );
}
