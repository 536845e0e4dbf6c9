import { describe, expect, it } from 'vitest';
import { draftInvoice, type InvoiceDraft } from '../../src/domain/invoice/invoice-calculation.js';
import type { InvoiceDocument } from '../../src/domain/invoice/invoice-document.js';
import { type Order, orderSchema } from '../../src/domain/order/order.js';
import { order, seller } from './support.js';

type Language = InvoiceDocument['language'];

const draft = (o: Order): InvoiceDraft => {
  const result = draftInvoice({
    tenantId: 't1',
    invoiceId: 'i1',
    orderId: 'o1',
    order: o,
    seller,
    issuedAt: new Date('2026-11-27T09:00:00Z'),
    destinationTaxation: false,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
};

/** An order from a consumer who reads `language`, with shipping and a discount that carry no text. */
const orderIn = (language: Language, texts: { shipping?: string; discount?: string } = {}): Order =>
  order({
    customer: {
      name: 'Erika Mustermann',
      language,
      address: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
    },
    lines: [
      {
        description: 'Kaffeebohnen',
        quantity: '2',
        unitPrice: '12.50',
        vatClass: 'standard',
        supplyType: 'goods',
      },
    ],
    shipping: { amount: '4.95', ...(texts.shipping === undefined ? {} : { description: texts.shipping }) },
    discount: { amount: '2.00', ...(texts.discount === undefined ? {} : { description: texts.discount }) },
  });

const reasons = (invoice: InvoiceDraft) =>
  invoice.allowancesCharges.map((entry) => [entry.kind, entry.reason]);

describe("shipping and discount texts in the buyer's language", () => {
  it.each([
    ['nl', 'Verzending', 'Korting'],
    ['en', 'Shipping', 'Discount'],
    ['de', 'Versand', 'Rabatt'],
    ['fr', 'Livraison', 'Remise'],
  ] as const)(
    'names shipping and a discount in %s when the order gives no text',
    (language, shipping, discount) => {
      expect(reasons(draft(orderIn(language)))).toEqual([
        ['charge', shipping],
        ['allowance', discount],
      ]);
    },
  );

  it("keeps the order's own texts, such as the Dutch default stored with older orders", () => {
    const invoice = draft(orderIn('de', { shipping: 'Verzending', discount: 'Gutschein WILLKOMMEN' }));

    expect(reasons(invoice)).toEqual([
      ['charge', 'Verzending'],
      ['allowance', 'Gutschein WILLKOMMEN'],
    ]);
  });

  it('stores no text the order did not send, so the invoice decides it in the buyer’s language', () => {
    const parsed = orderSchema.parse({
      externalId: '1',
      channel: 'api',
      orderedAt: '2026-11-20T10:15:00Z',
      currency: 'EUR',
      customer: {
        name: 'Erika Mustermann',
        address: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
      },
      lines: [{ description: 'Kaffeebohnen', quantity: '1', unitPrice: '10.00', vatClass: 'standard' }],
      shipping: { amount: '4.95' },
      discount: { amount: '1.00' },
    });

    expect(parsed.shipping).toEqual({ amount: '4.95' });
    expect(parsed.discount).toEqual({ amount: '1.00' });
  });
});
