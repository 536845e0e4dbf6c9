/**
 * fast-check generators for random cross-border orders: ship-to among EU and non-EU countries, consumers
 * and businesses with verified / invalid / unverified / no VAT IDs, random classes and supply types,
 * VAT-inclusive or exclusive prices, shipping, order discounts, destination taxation on or off, EUR or USD.
 */
import fc from 'fast-check';
import type { Order } from '../../../src/domain/order/order.js';
import { decimal, round2, sum } from '../../../src/domain/shared/money.js';
import type { SellerSettings } from '../../../src/domain/tenant/seller-settings.js';
import type { VatIdVerification } from '../../../src/domain/vat/vat-id/vat-id-verifier.js';
import {
  address,
  buildOrder,
  checksumRejected,
  enSeller,
  nlSeller,
  ossSeller,
  viesInvalid,
  viesValid,
} from './scenario-support.js';

type CountryKey = keyof typeof address;
const EU: CountryKey[] = ['NL', 'DE', 'BE', 'FR', 'AT', 'EE', 'FI', 'GR', 'SK'];
const NON_EU: CountryKey[] = ['US', 'CH', 'GB', 'NO'];
const country = fc.constantFrom<CountryKey>(...EU, ...NON_EU);
const euCountry = fc.constantFrom<CountryKey>(...EU);

const vatIdFor = (c: CountryKey) => `${c === 'GR' ? 'EL' : c}${c === 'NL' ? '000099998B57' : '123456789'}`;

type BuyerKind = 'consumer' | 'verified' | 'vies-invalid' | 'checksum-invalid' | 'unverified' | 'no-vat-id';

export interface CrossBorderCase {
  readonly order: Order;
  readonly seller: SellerSettings;
  readonly buyerVatId: VatIdVerification | undefined;
  readonly destinationTaxation: boolean;
  readonly buyerKind: BuyerKind;
}

const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));

const line = fc
  .record({
    quantity: fc.integer({ min: 1, max: 12 }),
    unitPrice: cents(0, 60_000),
    vatClass: fc.constantFrom('standard', 'reduced', 'zero', 'exempt') as fc.Arbitrary<
      'standard' | 'reduced' | 'zero' | 'exempt'
    >,
    supplyType: fc.constantFrom('goods', 'services') as fc.Arbitrary<'goods' | 'services'>,
    discountShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ quantity, unitPrice, vatClass, supplyType, discountShare }) => {
    const amount = round2(decimal(unitPrice).times(quantity));
    const discount = round2(amount.times(discountShare).div(300));
    return {
      description: 'Item',
      quantity: String(quantity),
      unitPrice,
      vatClass,
      supplyType,
      ...(discount.gt(0) && discountShare > 70 ? { discount: discount.toFixed(2) } : {}),
    };
  });

/** Any instant from 2019 to 2026 (inside the rate table), as UTC ISO. */
const instant = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2026, 11, 31, 23, 59) })
  .map((ms) => new Date(ms).toISOString());

export const crossBorderCase: fc.Arbitrary<CrossBorderCase> = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    buyerKind: fc.constantFrom<BuyerKind>(
      'consumer',
      'verified',
      'verified',
      'vies-invalid',
      'checksum-invalid',
      'unverified',
      'no-vat-id',
    ),
    customerCountry: country,
    vatIdCountry: euCountry,
    shipTo: fc.option(country, { nil: undefined }),
    pricesIncludeVat: fc.boolean(),
    shipping: fc.option(cents(0, 2_500), { nil: undefined }),
    discountShare: fc.integer({ min: 0, max: 60 }),
    paid: fc.boolean(),
    destinationTaxation: fc.boolean(),
    seller: fc.constantFrom(nlSeller, ossSeller, enSeller),
    orderedAt: instant,
    usd: fc.option(fc.integer({ min: 5_000, max: 20_000 }), { nil: undefined }),
  })
  .map((g): CrossBorderCase => {
    const goodsTotal = sum(
      g.lines.map((l) => round2(decimal(l.quantity).times(l.unitPrice)).minus(l.discount ?? '0')),
    );
    const discount = round2(goodsTotal.times(g.discountShare).div(100));
    const withVatId = g.buyerKind !== 'consumer' && g.buyerKind !== 'no-vat-id';
    const vatId = vatIdFor(g.vatIdCountry);
    const order = buildOrder({
      customer: {
        name: 'Klant',
        ...(g.buyerKind === 'consumer' ? {} : { companyName: 'Firma' }),
        ...(withVatId ? { vatId } : {}),
        address: address[g.customerCountry],
      },
      ...(g.shipTo === undefined ? {} : { shipTo: address[g.shipTo] }),
      orderedAt: g.orderedAt,
      lines: g.lines,
      pricesIncludeVat: g.pricesIncludeVat,
      ...(g.shipping === undefined ? {} : { shipping: { description: 'Verzending', amount: g.shipping } }),
      ...(discount.gt(0) ? { discount: { description: 'Korting', amount: discount.toFixed(2) } } : {}),
      payment: { status: g.paid ? 'paid' : 'unpaid' },
      ...(g.usd === undefined
        ? {}
        : {
            currency: 'USD',
            exchangeRate: { rate: (g.usd / 10_000).toFixed(4), date: '2026-01-02', source: 'ECB' },
          }),
    });
    const buyerVatId =
      g.buyerKind === 'verified'
        ? viesValid(vatId)
        : g.buyerKind === 'vies-invalid'
          ? viesInvalid(vatId)
          : g.buyerKind === 'checksum-invalid'
            ? checksumRejected(vatId)
            : undefined;
    return {
      order,
      seller: g.seller,
      buyerVatId,
      destinationTaxation: g.destinationTaxation,
      buyerKind: g.buyerKind,
    };
  });

/** What the customer pays: Σ (qty × price − line discount) + shipping − order discount. */
export const amountPaid = (order: Order) =>
  sum(order.lines.map((l) => round2(decimal(l.quantity).times(l.unitPrice)).minus(l.discount ?? '0')))
    .plus(order.shipping?.amount ?? '0')
    .minus(order.discount?.amount ?? '0');
