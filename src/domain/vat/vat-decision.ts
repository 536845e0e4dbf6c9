import type { VatCategory } from '../invoice/invoice-document.js';
import type { VatClass } from '../order/order.js';
import { isEuMemberState, vatRateOn } from './rates/eu-vat-rates.js';

/**
 * Where an amount is reported: a box of the Dutch VAT return, the OSS return for a member state,
 * a foreign VAT registration (destination VAT outside OSS), or nowhere (exempt / outside scope).
 */
export type VatReporting =
  | { readonly kind: 'nl-return'; readonly box: '1a' | '1b' | '1c' | '1e' | '3a' | '3b' }
  | { readonly kind: 'oss'; readonly countryCode: string }
  | { readonly kind: 'foreign'; readonly countryCode: string }
  | { readonly kind: 'exempt' }
  | { readonly kind: 'outside-scope' };

export interface VatDecision {
  readonly category: VatCategory;
  /** Percentage as a decimal string ("21", "5.5", "0"). */
  readonly rate: string;
  readonly reporting: VatReporting;
  /** Listed in the ICP return (opgaaf intracommunautaire prestaties). */
  readonly icp?: 'goods' | 'services';
}

export interface VatSituation {
  readonly sellerCountry: string;
  readonly ossRegistered: boolean;
  /** The buyer's VAT ID was verified valid (check digits and VIES); its country. Undefined = consumer. */
  readonly verifiedBuyerVatCountry: string | undefined;
  /** A business without an EU VAT ID (e.g. outside the EU): company name or registration given. */
  readonly buyerIsBusiness: boolean;
  /** Where the buyer is established (customer address), for services. */
  readonly buyerCountry: string;
  /** Where the goods go (ship-to, else the customer address). */
  readonly shipToCountry: string;
  /** EU distance sales are taxed in the destination state (threshold passed, or opted in). */
  readonly destinationTaxation: boolean;
  /** Supply date (Amsterdam), which picks the rate from the dated tables. */
  readonly supplyDate: string;
}

export interface VatLine {
  readonly vatClass: VatClass;
  readonly supplyType: 'goods' | 'services';
}

/**
 * The VAT decision table for a seller established in the Netherlands (domain.md §2.2):
 * goods by where they go and who buys, services by the general B2B (art. 44) and B2C (art. 45)
 * place-of-supply rules. A buyer's VAT ID only zero-rates anything once it is verified.
 */
export function decideVat(situation: VatSituation, line: VatLine): VatDecision {
  if (line.vatClass === 'exempt') return { category: 'E', rate: '0', reporting: { kind: 'exempt' } };
  const home = situation.sellerCountry;
  const b2bAbroad =
    situation.verifiedBuyerVatCountry !== undefined && situation.verifiedBuyerVatCountry !== home;

  if (line.supplyType === 'services') {
    if (b2bAbroad)
      return { category: 'AE', rate: '0', reporting: { kind: 'nl-return', box: '3b' }, icp: 'services' };
    if (situation.buyerIsBusiness && !isEuMemberState(situation.buyerCountry)) {
      return { category: 'O', rate: '0', reporting: { kind: 'outside-scope' } };
    }
    return domestic(line.vatClass, situation.supplyDate, home);
  }

  const destination = situation.shipToCountry;
  if (destination === home) return domestic(line.vatClass, situation.supplyDate, home);
  if (!isEuMemberState(destination))
    return { category: 'G', rate: '0', reporting: { kind: 'nl-return', box: '3a' } };
  if (b2bAbroad)
    return { category: 'K', rate: '0', reporting: { kind: 'nl-return', box: '3b' }, icp: 'goods' };
  // A business identified in the seller's own state is no distance-sale customer (art. 14 (4)
  // Directive) and no ICL customer either (art. 138): the supply stays where transport begins (art. 32).
  if (situation.verifiedBuyerVatCountry === home) return domestic(line.vatClass, situation.supplyDate, home);
  if (!situation.destinationTaxation) return domestic(line.vatClass, situation.supplyDate, home);
  // Distance sale taxed where the goods arrive (art. 33 (a) Directive), through OSS when registered.
  const reporting: VatReporting = situation.ossRegistered
    ? { kind: 'oss', countryCode: destination }
    : { kind: 'foreign', countryCode: destination };
  if (line.vatClass === 'zero') return { category: 'Z', rate: '0', reporting };
  return { category: 'S', rate: vatRateOn(destination, line.vatClass, situation.supplyDate), reporting };
}

/** Dutch VAT: 21 % → 1a, 9 % → 1b, another historical rate → 1c, 0 % → 1e. */
function domestic(vatClass: Exclude<VatClass, 'exempt'>, supplyDate: string, country: string): VatDecision {
  if (vatClass === 'zero') return { category: 'Z', rate: '0', reporting: { kind: 'nl-return', box: '1e' } };
  const rate = vatRateOn(country, vatClass, supplyDate);
  const box = rate === '21' ? '1a' : rate === '9' ? '1b' : '1c';
  return { category: 'S', rate, reporting: { kind: 'nl-return', box } };
}

/** A B2C sale of goods to another member state counts towards the EUR 10,000 threshold (art. 59c). */
export const isEuDistanceSale = (
  situation: Pick<VatSituation, 'sellerCountry' | 'shipToCountry' | 'verifiedBuyerVatCountry'>,
  line: VatLine,
): boolean =>
  line.supplyType === 'goods' &&
  line.vatClass !== 'exempt' &&
  situation.shipToCountry !== situation.sellerCountry &&
  isEuMemberState(situation.shipToCountry) &&
  situation.verifiedBuyerVatCountry === undefined;

/** EUR 10,000 excl. VAT, EU-wide, current and previous calendar year (art. 59c Directive 2006/112/EC). */
export const DISTANCE_SALES_THRESHOLD_EUR = '10000';
