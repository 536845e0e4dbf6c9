import { describe, expect, it } from 'vitest';
import { mapGraphqlOrder } from '../../../../src/adapters/channels/shopify/shopify-graphql-order.js';
import { shopifyWebhooks } from '../../../../src/adapters/channels/shopify/shopify-webhooks.js';
import { orderSubmissionSchema } from '../../../../src/domain/order/order.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import { decimal, sum } from '../../../../src/domain/shared/money.js';
import { fixtureBytes, graphqlOrder, money, NL_ORDER_GID } from './shopify-fixtures.js';

const submit = (order: ChannelOrder['order']) =>
  orderSubmissionSchema.safeParse({ ...order, channel: 'shopify' });

const orderOf = (mapped: ChannelOrder) => {
  expect(mapped.order).toBeDefined();
  return mapped.order!;
};

describe('Shopify order → canonical order (Admin GraphQL 2025-10 node)', () => {
  it('maps a tax-inclusive Dutch order with 9 % and 21 % lines, a discount code and discounted shipping', () => {
    const mapped = mapGraphqlOrder(graphqlOrder());

    expect(mapped).toEqual({
      externalId: NL_ORDER_GID,
      updatedAt: '2026-11-20T10:16:41.000Z',
      order: {
        externalId: NL_ORDER_GID,
        orderedAt: '2026-11-20T10:15:00.000Z',
        currency: 'EUR',
        pricesIncludeVat: true,
        customer: {
          name: 'Sanne de Vries',
          email: 'sanne.devries@example.nl',
          language: 'nl',
          address: {
            street: 'Prinsengracht 263, 2e verdieping',
            postalCode: '1016 GV',
            city: 'Amsterdam',
            countryCode: 'NL',
          },
        },
        shipTo: { street: 'Oudegracht 100', postalCode: '3511 AX', city: 'Utrecht', countryCode: 'NL' },
        lines: [
          {
            sku: 'KB-ETH-1000',
            description: 'Koffiebonen Ethiopië Yirgacheffe - 1 kg',
            quantity: '2',
            unitPrice: '14.95',
            vatRate: '9',
            supplyType: 'goods',
            discount: '2.99',
          },
          {
            sku: 'EK-SET4',
            description: 'Espressokopjes, set van 4',
            quantity: '1',
            unitPrice: '24.95',
            vatRate: '21',
            supplyType: 'goods',
            discount: '2.50',
          },
          {
            description: 'Ontkalker voor espressomachines',
            quantity: '3',
            unitPrice: '4.99',
            vatRate: '21',
            supplyType: 'goods',
            discount: '5.99',
          },
        ],
        shipping: { description: 'PostNL pakket', amount: '4.95' },
        payment: { status: 'paid', method: 'shopify_payments' },
      },
      refunds: [],
      cancelled: false,
    });
  });

  it('passes the order submission schema and adds up to what the customer paid, to the cent', () => {
    const node = graphqlOrder();
    const order = orderOf(mapGraphqlOrder(node));

    expect(submit(order).error?.issues).toBeUndefined();
    const lines = sum(
      order.lines.map((l) =>
        decimal(l.quantity)
          .times(l.unitPrice)
          .minus(l.discount ?? '0'),
      ),
    );
    const total = lines.plus(order.shipping?.amount ?? '0');
    expect(total.toFixed(2)).toBe(node.totalPriceSet.presentmentMoney.amount);
  });

  it('keeps every digit of an order id above 2^53 (it is never parsed as a number)', () => {
    const gid = 'gid://shopify/Order/9007199254740993123';
    const mapped = mapGraphqlOrder(graphqlOrder((n) => (n.id = gid)));
    expect(mapped.externalId).toBe(gid);
    expect(mapped.order?.externalId).toBe(gid);
    expect(String(Number('9007199254740993123'))).not.toBe('9007199254740993123');
  });

  it('invoices a USD order of a EUR shop in USD, at the rate Shopify converted at checkout', () => {
    const order = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => {
          n.presentmentCurrencyCode = 'USD';
          n.totalPriceSet = { shopMoney: { amount: '63.29' }, presentmentMoney: { amount: '68.67' } };
        }),
      ),
    );
    expect(order.currency).toBe('USD');
    // 68.67 USD / 63.29 EUR = 1.08500553… USD per EUR, to 6 decimals.
    expect(order.exchangeRate).toEqual({
      rate: '1.085006',
      date: '2026-11-20',
      source: 'Shopify checkout conversion',
    });
    expect(submit(order).success).toBe(true);
  });

  it('leaves the rate out when the shop currency is not EUR, so the order is refused visibly', () => {
    const order = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => {
          n.currencyCode = 'GBP';
          n.presentmentCurrencyCode = 'USD';
          n.totalPriceSet = { shopMoney: { amount: '54.10' }, presentmentMoney: { amount: '68.67' } };
        }),
      ),
    );
    expect(order.exchangeRate).toBeUndefined();
    expect(submit(order).error?.issues.map((i) => i.path.join('.'))).toEqual(['exchangeRate']);
  });

  it('has no rate for a EUR order, whatever the shop currency', () => {
    const order = orderOf(mapGraphqlOrder(graphqlOrder((n) => (n.currencyCode = 'USD'))));
    expect(order.exchangeRate).toBeUndefined();
    expect(submit(order).success).toBe(true);
  });

  it("takes a B2B buyer's VAT ID from the company location's tax registration", () => {
    const order = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => {
          n.purchasingEntity = {
            company: { name: 'Jansen Koffie B.V.' },
            location: { taxSettings: { taxRegistrationId: 'nl 8594.98.522.B01' } },
          };
          n.poNumber = 'PO-2026-117';
        }),
      ),
    );
    expect(order.customer).toMatchObject({
      name: 'Sanne de Vries',
      companyName: 'Jansen Koffie B.V.',
      vatId: 'NL859498522B01',
      reference: 'PO-2026-117',
    });
    expect(submit(order).success).toBe(true);

    const unprefixed = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => {
          n.purchasingEntity = {
            company: { name: 'Ελαιόλαδο Α.Ε.' },
            location: { taxSettings: { taxRegistrationId: '094014201' } },
          };
          n.billingAddress.countryCodeV2 = 'GR';
        }),
      ),
    );
    expect(unprefixed.customer.vatId).toBe('EL094014201');
  });

  it('reports refunds in the order currency, skipping refunds of nothing', () => {
    const mapped = mapGraphqlOrder(
      graphqlOrder((n) => {
        n.displayFinancialStatus = 'PARTIALLY_REFUNDED';
        n.updatedAt = '2026-11-24T14:05:00Z';
        n.refunds = [
          {
            id: 'gid://shopify/Refund/983456789012345678',
            createdAt: '2026-11-24T14:02:10Z',
            note: 'Kopje gebroken aangekomen',
            totalRefundedSet: money('22.45'),
          },
          {
            id: 'gid://shopify/Refund/983456789012345679',
            createdAt: null,
            note: null,
            totalRefundedSet: money('5'),
          },
          {
            id: 'gid://shopify/Refund/983456789012345680',
            createdAt: null,
            note: null,
            totalRefundedSet: money('0.0'),
          },
        ];
      }),
    );
    expect(mapped.order?.payment).toEqual({ status: 'paid', method: 'shopify_payments' });
    expect(mapped.refunds).toEqual([
      {
        refundId: 'gid://shopify/Refund/983456789012345678',
        createdAt: '2026-11-24T14:02:10.000Z',
        amount: '22.45',
        reason: 'Kopje gebroken aangekomen',
      },
      {
        refundId: 'gid://shopify/Refund/983456789012345679',
        createdAt: '2026-11-24T14:05:00.000Z',
        amount: '5.00',
      },
    ]);
    expect(mapped.cancelled).toBe(false);
  });

  it('has nothing to invoice for an order cancelled before payment, but reports the cancellation', () => {
    const mapped = mapGraphqlOrder(
      graphqlOrder((n) => {
        n.cancelledAt = '2026-11-20T12:00:00Z';
        n.displayFinancialStatus = 'VOIDED';
      }),
    );
    expect(mapped).toMatchObject({
      externalId: NL_ORDER_GID,
      order: undefined,
      cancelled: true,
      refunds: [],
    });
  });

  it('keeps the order of a paid order cancelled afterwards, with its refund, for a credit note', () => {
    const mapped = mapGraphqlOrder(
      graphqlOrder((n) => {
        n.cancelledAt = '2026-11-21T09:00:00Z';
        n.displayFinancialStatus = 'REFUNDED';
        n.refunds = [
          {
            id: 'gid://shopify/Refund/983456789012345690',
            createdAt: '2026-11-21T09:00:01Z',
            note: null,
            totalRefundedSet: money('63.29'),
          },
        ];
      }),
    );
    expect(mapped.cancelled).toBe(true);
    expect(mapped.order?.payment?.status).toBe('paid');
    expect(mapped.refunds.map((r) => r.amount)).toEqual(['63.29']);
  });

  it('invoices a pending payment (bank transfer) as pending, and nothing after a failed payment', () => {
    const bank = mapGraphqlOrder(
      graphqlOrder((n) => {
        n.displayFinancialStatus = 'PENDING';
        n.paymentGatewayNames = ['Bank Deposit'];
      }),
    );
    expect(bank.order?.payment).toEqual({ status: 'pending', method: 'Bank Deposit' });
    expect(
      mapGraphqlOrder(graphqlOrder((n) => (n.displayFinancialStatus = 'AUTHORIZED'))).order?.payment?.status,
    ).toBe('pending');
    for (const status of ['EXPIRED', 'VOIDED', null]) {
      expect(mapGraphqlOrder(graphqlOrder((n) => (n.displayFinancialStatus = status))).order).toBeUndefined();
    }
  });

  it('classes other EU rates by the ship-to country: below its standard rate is reduced', () => {
    const order = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => {
          n.shippingAddress = {
            ...n.shippingAddress,
            address1: 'Hauptstraße 5',
            zip: '10115',
            city: 'Berlin',
            countryCodeV2: 'DE',
          };
          n.lineItems.nodes[0].taxLines = [{ rate: 0.07, ratePercentage: 7.0 }];
          n.lineItems.nodes[1].taxLines = [{ rate: 0.19, ratePercentage: 19.0 }];
          n.lineItems.nodes[2].taxLines = [];
        }),
      ),
    );
    expect(order.lines.map((l) => [l.vatClass, l.vatRate])).toEqual([
      ['reduced', undefined],
      ['standard', undefined],
      ['standard', undefined],
    ]);
    expect(order.shipTo?.countryCode).toBe('DE');
    expect(submit(order).success).toBe(true);
  });

  it('treats a product Shopify does not ship (a download, a course) as a service', () => {
    const order = orderOf(
      mapGraphqlOrder(graphqlOrder((n) => (n.lineItems.nodes[1].requiresShipping = false))),
    );
    expect(order.lines.map((l) => l.supplyType)).toEqual(['goods', 'services', 'goods']);
  });

  it('reads the rate from `rate` when `ratePercentage` is absent', () => {
    const order = orderOf(
      mapGraphqlOrder(
        graphqlOrder((n) => (n.lineItems.nodes[0].taxLines = [{ rate: 0.09, ratePercentage: null }])),
      ),
    );
    expect(order.lines[0]?.vatRate).toBe('9');
  });

  it('has no separate ship-to address when the goods go to the billing address', () => {
    const order = orderOf(
      mapGraphqlOrder(graphqlOrder((n) => (n.shippingAddress = { ...n.billingAddress }))),
    );
    expect(order.shipTo).toBeUndefined();
  });
});

describe('Shopify orders/paid webhook → canonical order', () => {
  it('reads the REST-shaped payload into the same order as the GraphQL API gives', () => {
    const message = shopifyWebhooks.parse(fixtureBytes('webhook-orders-paid-nl.json'), {
      'x-shopify-topic': 'orders/paid',
      'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    });
    expect(message).toEqual({
      kind: 'order',
      order: mapGraphqlOrder(graphqlOrder()),
      eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
    });
  });
});
