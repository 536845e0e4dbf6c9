import type { Order } from '../order/order.js';
import { isEuMemberState } from './rates/eu-vat-rates.js';
import { vatIdCountry } from './vat-id/vat-id.js';

/**
 * The orders whose buyer VAT ID must be verified before invoicing, because a valid one changes the
 * VAT: a foreign EU VAT ID turns services into reverse charge (art. 44/196) and goods leaving the
 * seller's state into an intra-Community supply (art. 138); any EU VAT ID, the seller's own
 * state's included, takes goods sent to another member state out of the distance-sales rules.
 */
export function buyerVatIdMatters(order: Order, sellerCountry: string): boolean {
  const vatId = order.customer.vatId;
  if (vatId === undefined) return false;
  const vatCountry = vatIdCountry(vatId);
  if (!isEuMemberState(vatCountry)) return false;
  const shipTo = (order.shipTo ?? order.customer.address).countryCode;
  const goodsToOtherMemberState = shipTo !== sellerCountry && isEuMemberState(shipTo);
  return order.lines.some((line) =>
    line.supplyType === 'services' ? vatCountry !== sellerCountry : goodsToOtherMemberState,
  );
}
