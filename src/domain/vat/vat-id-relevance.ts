import type { Order } from '../order/order.js';
import { isEuMemberState } from './rates/eu-vat-rates.js';

/**
 * Only a foreign EU VAT ID can change the VAT treatment: it turns services into reverse charge
 * (art. 44/196) and goods leaving the seller's country into an intra-Community supply (art. 138).
 * Those are the orders whose buyer VAT ID must be verified before invoicing.
 */
export function buyerVatIdMatters(order: Order, sellerCountry: string): boolean {
  const vatId = order.customer.vatId;
  if (vatId === undefined) return false;
  const vatCountry = vatId.startsWith('EL') ? 'GR' : vatId.slice(0, 2);
  if (vatCountry === sellerCountry || !isEuMemberState(vatCountry)) return false;
  const shipTo = (order.shipTo ?? order.customer.address).countryCode;
  return order.lines.some(
    (line) => line.supplyType === 'services' || (shipTo !== sellerCountry && isEuMemberState(shipTo)),
  );
}
