import { createHash } from 'node:crypto';
import type { BuyerParty } from '../../domain/invoice/invoice-document.js';

/**
 * A stable customer id per tenant for the ledger and the auditfile (custSupID): the VAT ID for
 * businesses that have one, else a short hash of name, e-mail and address, so the same consumer
 * ordering twice is one customer.
 */
export function customerIdOf(buyer: BuyerParty): string {
  if (buyer.vatId !== undefined) return buyer.vatId;
  const key = [buyer.name, buyer.email ?? '', buyer.address.postalCode, buyer.address.countryCode]
    .join('|')
    .toLowerCase();
  return `C-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
