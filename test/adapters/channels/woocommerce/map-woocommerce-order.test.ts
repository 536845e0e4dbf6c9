import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mapWooCommerceOrder,
  type WooCommerceMappingDefaults,
} from '../../../../src/adapters/channels/woocommerce/map-woocommerce-order.js';
import { normaliseVatNumber } from '../../../../src/adapters/channels/woocommerce/woocommerce-customer.js';
import { draftInvoice } from '../../../../src/domain/invoice/invoice-calculation.js';
import { type OrderInput, orderSchema, orderSubmissionSchema } from '../../../../src/domain/order/order.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import { ValidationError } from '../../../../src/domain/shared/errors.js';
import { type Decimal, decimal, formatAmount, round2, sum } from '../../../../src/domain/shared/money.js';
import type { VatIdVerification } from '../../../../src/domain/vat/vat-id/vat-id-verifier.js';
import { DEMO_SELLER } from '../../../../src/main/demo-seller.js';

type WooJson = Record<string, unknown> & {
  line_items: Record<string, unknown>[];
  fee_lines: Record<string, unknown>[];
  shipping_lines: Record<string, unknown>[];
  meta_data: Record<string, unknown>[];
  billing: Record<string, unknown>;
};

const FIXTURES = new URL('../../../fixtures/channels/woocommerce/orders/', import.meta.url);
const fixture = (name: string): WooJson =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));

const DEFAULTS: WooCommerceMappingDefaults = { supplyType: 'goods' };
const map = (payload: unknown, defaults = DEFAULTS): ChannelOrder => mapWooCommerceOrder(payload, defaults);
const orderOf = (payload: unknown, defaults = DEFAULTS): Omit<OrderInput, 'channel'> => {
  const mapped = map(payload, defaults).order;
  if (mapped === undefined) throw new Error('expected an order to invoice');
  return mapped;
};

const refusal = (act: () => unknown): ValidationError => {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

/** What the invoice charges for the goods, shipping and order discount: Σ round2(q × price) − discount. */
const grossCharged = (order: Omit<OrderInput, 'channel'>): Decimal =>
  sum(
    order.lines.map((line) =>
      round2(decimal(line.quantity).times(line.unitPrice)).minus(line.discount ?? '0'),
    ),
  )
    .plus(order.shipping?.amount ?? '0')
    .minus(order.discount?.amount ?? '0');

const invoiceFor = (order: Omit<OrderInput, 'channel'>, buyerVatId?: VatIdVerification) => {
  const result = draftInvoice({
    tenantId: 't1',
    invoiceId: 'i1',
    orderId: 'o1',
    order: orderSchema.parse({ ...order, channel: 'woocommerce' }),
    seller: DEMO_SELLER,
    issuedAt: new Date('2026-12-01T09:00:00Z'),
    ...(buyerVatId && { buyerVatId }),
    destinationTaxation: false,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
};

describe('mapWooCommerceOrder: a Dutch shop with prices including VAT', () => {
  const woo = fixture('nl-gross-coupon-mixed-rates');

  it('maps a 9 % and a 21 % line with a coupon and shipping to the gross canonical order', () => {
    expect(map(woo)).toEqual({
      externalId: '4711',
      updatedAt: '2026-11-20T10:16:12Z',
      refunds: [],
      cancelled: false,
      order: {
        externalId: '4711',
        orderedAt: '2026-11-20T10:15:00Z',
        currency: 'EUR',
        pricesIncludeVat: true,
        customer: {
          name: 'Sanne de Vries',
          email: 'sanne.devries@example.nl',
          language: 'nl',
          address: { street: 'Oudegracht 231', postalCode: '3511 NK', city: 'Utrecht', countryCode: 'NL' },
        },
        lines: [
          {
            sku: 'KOF-ESP-1000',
            description: 'Koffiebonen Espresso Roast 1 kg',
            quantity: '2',
            unitPrice: '24.95',
            vatClass: 'reduced',
            supplyType: 'goods',
            discount: '4.99',
          },
          {
            sku: 'MLK-IND-01',
            description: 'Melkopschuimer Inductie',
            quantity: '1',
            unitPrice: '39.99',
            vatClass: 'standard',
            supplyType: 'goods',
            discount: '4.00',
          },
        ],
        shipping: { description: 'PostNL', amount: '4.95' },
        payment: { status: 'paid', method: 'ideal', paidAt: '2026-11-20T10:16:10Z' },
      },
    });
  });

  it('passes the order submission schema', () => {
    const result = orderSubmissionSchema.safeParse({ ...orderOf(woo), channel: 'woocommerce' });
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('charges exactly what the customer paid: lines minus discounts plus shipping = WooCommerce total', () => {
    const order = orderOf(woo);
    expect(formatAmount(grossCharged(order))).toBe(woo.total);
    const invoice = invoiceFor(order);
    expect(invoice.totals.gross).toBe('85.85');
    expect(invoice.vatBreakdown.map((b) => b.rate)).toEqual(['9', '21']);
  });

  it('does not count the coupon twice: coupon_lines only repeat what the line totals hold', () => {
    const withoutCouponLines = { ...woo, coupon_lines: [] };
    expect(orderOf(withoutCouponLines)).toEqual(orderOf(woo));
  });

  it('an on-hold order (bank transfer not yet received) is invoiced with payment pending', () => {
    const onHold = {
      ...woo,
      status: 'on-hold',
      payment_method: 'bacs',
      payment_method_title: 'Directe bankoverschrijving',
      date_paid_gmt: null,
    };
    expect(orderOf(onHold).payment).toEqual({ status: 'pending', method: 'bank_transfer' });
  });

  it('completed is paid as well; the visible order number is not the identity', () => {
    const completed = map({ ...woo, status: 'completed', number: 'WEB-2026-4711' });
    expect(completed.externalId).toBe('4711');
    expect(completed.order?.externalId).toBe('4711');
    expect(completed.order?.payment?.status).toBe('paid');
  });
});

describe('mapWooCommerceOrder: a Belgian business with a VAT number, net prices, a fee', () => {
  const woo = fixture('b2b-be-vat-number');

  it('reads the VAT number from the order meta, adds the country prefix, and ships elsewhere', () => {
    const order = orderOf(woo);
    expect(order.customer).toEqual({
      name: 'Els Peeters',
      companyName: 'Brouwerij De Kroon BV',
      email: 'inkoop@dekroon.example',
      vatId: 'BE0403170701',
      language: 'nl',
      address: { street: 'Grote Markt 12', postalCode: '3000', city: 'Leuven', countryCode: 'BE' },
    });
    expect(order.shipTo).toEqual({
      street: 'Industrieweg 4 Magazijn B',
      postalCode: '2030',
      city: 'Antwerpen',
      countryCode: 'BE',
    });
  });

  it('maps net lines (discount = subtotal − total), the fee as a line, shipping and a paid bank transfer', () => {
    const order = orderOf(woo);
    expect(order.pricesIncludeVat).toBe(false);
    expect(order.lines).toEqual([
      {
        sku: 'KOF-ESP-1000',
        description: 'Koffiebonen Espresso Roast 1 kg',
        quantity: '6',
        unitPrice: '20.58',
        vatClass: 'reduced',
        supplyType: 'goods',
      },
      {
        sku: 'ONTK-500',
        description: 'Ontkalker 500 ml',
        quantity: '3',
        unitPrice: '7.99',
        vatClass: 'standard',
        supplyType: 'goods',
        discount: '2.40',
      },
      {
        description: 'Toeslag kleine bestelling',
        quantity: '1',
        unitPrice: '2.50',
        vatClass: 'standard',
        supplyType: 'goods',
      },
    ]);
    expect(order.shipping).toEqual({ description: 'DPD Business', amount: '9.50' });
    expect(order.payment).toEqual({
      status: 'paid',
      method: 'bank_transfer',
      paidAt: '2026-11-24T08:02:51Z',
    });
    expect(orderSubmissionSchema.safeParse({ ...order, channel: 'woocommerce' }).success).toBe(true);
  });

  it('with a verified Belgian VAT ID the invoice is an intra-EU supply at 0 % and totals what was paid', () => {
    const invoice = invoiceFor(orderOf(woo), {
      vatId: 'BE0403170701',
      valid: true,
      checkedAt: '2026-11-24T08:03:00Z',
      source: 'vies',
    });
    expect(invoice.totals.gross).toBe(woo.total);
    expect(invoice.vatBreakdown.map((b) => b.category)).toEqual(['K']);
  });

  it.each([
    '_billing_vat_number',
    '_vat_number',
    'vat_number',
    'billing_vat',
    '_billing_eu_vat_number',
    'yweu_billing_vat',
  ])('finds the VAT number under the meta key %s', (key) => {
    const order = orderOf({ ...woo, meta_data: [{ id: 1, key, value: 'be 0403 170 701' }] });
    expect(order.customer.vatId).toBe('BE0403170701');
  });

  it('the same number under two keys is one VAT number; two different numbers are refused', () => {
    const same = [
      { id: 1, key: '_billing_vat_number', value: 'BE0403170701' },
      { id: 2, key: '_vat_number', value: '0403.170.701' },
    ];
    expect(orderOf({ ...woo, meta_data: same }).customer.vatId).toBe('BE0403170701');
    const different = [same[0], { id: 2, key: 'vat_number', value: 'NL123456782B01' }];
    const error = refusal(() => map({ ...woo, meta_data: different }));
    expect(error.errors).toEqual([
      { field: 'meta_data', message: expect.stringContaining('different VAT numbers') },
    ]);
  });

  it('a VAT number that cannot be one is refused with its meta field, not dropped', () => {
    const error = refusal(() =>
      map({ ...woo, meta_data: [{ id: 1, key: 'vat_number', value: 'BE 0403/170' }] }),
    );
    expect(error.errors).toEqual([
      { field: 'meta_data.0.value', message: expect.stringContaining('not a VAT') },
    ]);
  });
});

describe('normaliseVatNumber', () => {
  it.each([
    ['NL123456782B01', 'NL', 'NL123456782B01'],
    ['nl 1234.56.782 b01', 'NL', 'NL123456782B01'],
    ['123456782B01', 'NL', 'NL123456782B01'],
    ['0403.170.701', 'BE', 'BE0403170701'],
    ['DE 136 695 976', 'NL', 'DE136695976'],
    ['094014201', 'GR', 'EL094014201'],
    ['GR094014201', 'GR', 'EL094014201'],
    ['U13585627', 'AT', 'ATU13585627'],
    ['40303265045', 'FR', 'FR40303265045'],
    ['GB123456789', 'NL', 'GB123456789'],
    ['CHE-123.456.789', 'CH', 'CHE123456789'],
    ['GB123456789', 'GB', 'GB123456789'],
  ])('%s billed in %s → %s', (raw, country, expected) => {
    expect(normaliseVatNumber(raw, country)).toEqual({ vatId: expected });
  });

  it('an empty value is no VAT number; a non-EU number without prefix cannot be completed', () => {
    expect(normaliseVatNumber(' . ', 'NL')).toBeUndefined();
    expect(normaliseVatNumber('123456789', 'US')).toEqual({ invalid: '123456789' });
  });
});

describe('mapWooCommerceOrder: statuses', () => {
  it('a refunded order is invoiced and lists its refunds, gross, with the order’s last change as date', () => {
    const woo = fixture('refunded');
    const mapped = map(woo);
    expect(mapped.cancelled).toBe(false);
    expect(mapped.refunds).toEqual([
      {
        refundId: '4815',
        createdAt: '2026-12-03T09:05:44Z',
        amount: '30.00',
        reason: 'Retour: beschadigd ontvangen',
      },
      { refundId: '4809', createdAt: '2026-12-03T09:05:44Z', amount: '4.95' },
    ]);
    const order = mapped.order!;
    expect(order.customer.address.street).toBe('Hoofdstraat 14a');
    expect(order.shipTo).toBeUndefined();
    expect(order.shipping).toBeUndefined();
    expect(order.payment).toEqual({ status: 'paid', method: 'bancontact', paidAt: '2026-11-26T19:41:40Z' });
    expect(formatAmount(grossCharged(order))).toBe(woo.total);
    expect(orderSubmissionSchema.safeParse({ ...order, channel: 'woocommerce' }).success).toBe(true);
  });

  it('a refund of nothing (items restocked, no money back) corrects nothing', () => {
    const woo = fixture('refunded');
    const mapped = map({ ...woo, refunds: [{ id: 4820, reason: 'alleen voorraad', total: '-0.00' }] });
    expect(mapped.refunds).toEqual([]);
  });

  it('a cancelled order that was never paid is cancelled with nothing to invoice', () => {
    expect(map(fixture('cancelled-unpaid'))).toEqual({
      externalId: '4756',
      updatedAt: '2026-11-29T13:05:00Z',
      order: undefined,
      refunds: [],
      cancelled: true,
    });
  });

  it('a cancelled order that had been paid is invoiced and cancelled', () => {
    const paid = { ...fixture('cancelled-unpaid'), date_paid_gmt: '2026-11-22T13:05:00' };
    const mapped = map(paid);
    expect(mapped.cancelled).toBe(true);
    expect(mapped.order?.payment).toEqual({
      status: 'paid',
      method: 'bank_transfer',
      paidAt: '2026-11-22T13:05:00Z',
    });
  });

  it('a pending order (payment not completed) has nothing to invoice yet', () => {
    expect(map(fixture('pending'))).toEqual({
      externalId: '4823',
      updatedAt: '2026-12-04T20:17:46Z',
      order: undefined,
      refunds: [],
      cancelled: false,
    });
  });

  it.each(['failed', 'checkout-draft'])('%s: nothing to invoice yet, even without an address', (status) => {
    const draft = {
      id: 4830,
      status,
      date_modified_gmt: '2026-12-04T20:20:00',
      date_paid_gmt: null,
      billing: { first_name: '', last_name: '', country: '' },
      line_items: [],
    };
    expect(map(draft)).toMatchObject({ externalId: '4830', order: undefined, cancelled: false });
  });

  it('a status of a plugin is refused: whether it was paid cannot be told', () => {
    const error = refusal(() => map({ ...fixture('pending'), status: 'awaiting-shipment' }));
    expect(error.errors).toEqual([
      { field: 'status', message: expect.stringContaining('awaiting-shipment') },
    ]);
  });
});

describe('mapWooCommerceOrder: what cannot be understood is refused with field errors', () => {
  const woo = fixture('nl-gross-coupon-mixed-rates');

  it('a negative quantity and a missing country, reported together', () => {
    const bad = {
      ...woo,
      billing: { ...woo.billing, country: '' },
      line_items: [{ ...woo.line_items[0], quantity: -2 }, woo.line_items[1]],
    };
    const error = refusal(() => map(bad));
    expect(error.message).toContain('WooCommerce order 4711');
    expect(error.errors.map((e) => e.field)).toEqual(['billing.country', 'line_items.0.quantity']);
  });

  it('an order without a buyer name, postcode or street', () => {
    const bad = {
      ...woo,
      billing: { ...woo.billing, first_name: '', last_name: '', postcode: '', address_1: '' },
    };
    expect(refusal(() => map(bad)).errors.map((e) => e.field)).toEqual([
      'billing.address_1',
      'billing.postcode',
      'billing.first_name',
    ]);
  });

  it('a payload that is not a WooCommerce order', () => {
    expect(refusal(() => map({ id: 'x' })).errors.map((e) => e.field)).toEqual([
      'id',
      'status',
      'date_modified_gmt',
    ]);
    const noLines = { ...woo, line_items: undefined };
    expect(refusal(() => map(noLines)).errors.map((e) => e.field)).toEqual(['line_items']);
  });

  it('a total the parts do not explain (a gift card, store credit) is refused', () => {
    const error = refusal(() => map({ ...woo, total: '75.85' }));
    expect(error.errors).toEqual([{ field: 'total', message: expect.stringContaining('add up to 85.85') }]);
  });

  it('a cent of WooCommerce’s per-rate tax rounding goes to the largest line, so the total is met', () => {
    const order = orderOf({ ...woo, total: '85.86' });
    expect(formatAmount(grossCharged(order))).toBe('85.86');
    expect(order.lines.map((l) => l.discount)).toEqual(['4.98', '4.00']);
  });
});

describe('mapWooCommerceOrder: lines, VAT classes, fees', () => {
  const woo = fixture('nl-gross-coupon-mixed-rates');
  const item = woo.line_items[1]!;
  const withItem = (changes: Record<string, unknown>) => ({
    ...woo,
    line_items: [woo.line_items[0], { ...item, ...changes }],
  });
  const classOf = (payload: unknown, defaults = DEFAULTS) => orderOf(payload, defaults).lines[1]?.vatClass;

  it('the shop’s own tax classes: the merchant’s mapping, else the Dutch rate charged, else standard', () => {
    expect(classOf(withItem({ tax_class: 'zero-rate', taxes: [] }))).toBe('zero');
    expect(classOf(withItem({ tax_class: 'btw-9', taxes: [{ id: 2, total: '1' }] }))).toBe('reduced');
    expect(classOf(withItem({ tax_class: 'btw-21', taxes: [{ id: 1, total: '1' }] }))).toBe('standard');
    expect(classOf(withItem({ tax_class: 'onbekend', taxes: [] }))).toBe('standard');
    expect(
      classOf(withItem({ tax_class: 'boeken' }), { supplyType: 'goods', taxClasses: { boeken: 'reduced' } }),
    ).toBe('reduced');
  });

  it('a 0 % rate in tax_lines means zero; services come from the connection defaults', () => {
    const zeroRate = {
      ...withItem({ tax_class: 'export', taxes: [{ id: 3, total: '0' }] }),
      tax_lines: [...(woo.tax_lines as unknown[]), { id: 9, rate_id: 3, label: '0%', rate_percent: 0 }],
    };
    expect(classOf(zeroRate)).toBe('zero');
    expect(orderOf(woo, { supplyType: 'services' }).lines.map((l) => l.supplyType)).toEqual([
      'services',
      'services',
    ]);
  });

  it('a large quantity whose rounded unit price would fall a cent short is priced up one step', () => {
    const net = {
      ...fixture('b2b-be-vat-number'),
      line_items: [
        {
          id: 1,
          name: 'Suikerzakjes',
          quantity: 300,
          tax_class: '',
          subtotal: '100.00',
          subtotal_tax: '0.00',
          total: '100.00',
          total_tax: '0.00',
          taxes: [],
        },
      ],
      fee_lines: [],
      shipping_lines: [],
      total: '100.00',
    };
    const [line] = orderOf(net).lines;
    expect(line).toMatchObject({ quantity: '300', unitPrice: '0.3334', discount: '0.02' });
  });

  it('a negative fee is the order discount; several shipping lines add up', () => {
    const order = orderOf({
      ...woo,
      fee_lines: [
        {
          id: 1,
          name: 'Korting vooruitbetaling',
          tax_class: '',
          tax_status: 'taxable',
          total: '-4.13',
          total_tax: '-0.87',
          taxes: [],
        },
      ],
      shipping_lines: [
        ...woo.shipping_lines,
        {
          id: 2,
          method_title: 'Verzekerd',
          method_id: 'flat_rate',
          total: '1.65',
          total_tax: '0.35',
          taxes: [],
        },
      ],
      total: '82.85',
    });
    expect(order.discount).toEqual({ description: 'Korting vooruitbetaling', amount: '5.00' });
    expect(order.shipping).toEqual({ description: 'PostNL + Verzekerd', amount: '6.95' });
    expect(formatAmount(grossCharged(order))).toBe('82.85');
    expect(invoiceFor(order).totals.gross).toBe('82.85');
  });

  it('the language: WPML’s order language first, else the billing country', () => {
    const withLanguage = { ...woo, meta_data: [{ id: 1, key: 'wpml_language', value: 'en' }] };
    expect(orderOf(withLanguage).customer.language).toBe('en');
    const german = { ...woo, billing: { ...woo.billing, country: 'AT' } };
    expect(orderOf(german).customer.language).toBe('de');
    const american = { ...woo, billing: { ...woo.billing, country: 'US' } };
    expect(orderOf(american).customer.language).toBe('en');
  });
});

describe('mapWooCommerceOrder: a gross shop always charges what the customer paid (property)', () => {
  /** One line as WooCommerce stores it: gross price and coupon, net and tax each rounded to cents. */
  const wooLine = (
    index: number,
    quantity: number,
    grossCents: number,
    couponCents: number,
    rate: 21 | 9,
  ) => {
    const gross = decimal(grossCents).div(100);
    const paid = gross.minus(decimal(couponCents).div(100));
    const divisor = decimal(100 + rate).div(100);
    const subtotal = round2(gross.div(divisor));
    const total = round2(paid.div(divisor));
    return {
      id: index + 1,
      name: `Artikel ${index + 1}`,
      quantity,
      tax_class: rate === 9 ? 'reduced-rate' : '',
      subtotal: subtotal.toFixed(2),
      subtotal_tax: gross.minus(subtotal).toFixed(2),
      total: total.toFixed(2),
      total_tax: paid.minus(total).toFixed(2),
      taxes: [],
      paid,
    };
  };

  it('Σ lines − discounts + shipping = total, and so is the invoice’s gross', () => {
    const lineArb = fc
      .record({
        quantity: fc.integer({ min: 1, max: 400 }),
        unitCents: fc.integer({ min: 1, max: 50_000 }),
        couponPercent: fc.integer({ min: 0, max: 100 }),
        rate: fc.constantFrom(21 as const, 9 as const),
      })
      .map(({ quantity, unitCents, couponPercent, rate }) => ({
        quantity,
        grossCents: quantity * unitCents,
        couponCents: Math.floor((quantity * unitCents * couponPercent) / 100),
        rate,
      }));
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 995 }),
        (specs, shipCents) => {
          const lines = specs.map((s, i) => wooLine(i, s.quantity, s.grossCents, s.couponCents, s.rate));
          const shipping = decimal(shipCents).div(100);
          const total = sum(lines.map((l) => l.paid)).plus(shipping);
          const woo = {
            ...fixture('nl-gross-coupon-mixed-rates'),
            line_items: lines.map(({ paid: _paid, ...line }) => line),
            shipping_lines: [
              { id: 99, method_title: 'PostNL', total: shipping.toFixed(2), total_tax: '0.00' },
            ],
            total: total.toFixed(2),
          };
          const order = orderOf(woo);
          expect(formatAmount(grossCharged(order))).toBe(total.toFixed(2));
          expect(orderSubmissionSchema.safeParse({ ...order, channel: 'woocommerce' }).success).toBe(true);
          expect(invoiceFor(order).totals.gross).toBe(total.toFixed(2));
        },
      ),
      { numRuns: 200 },
    );
  });
});
