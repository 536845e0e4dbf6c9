import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftInvoice, type InvoiceDraft } from '../../src/domain/invoice/invoice-calculation.js';
import type { Order } from '../../src/domain/order/order.js';
import { decimal, round2, sum } from '../../src/domain/shared/money.js';
import { order, seller } from './support.js';

const issuedAt = new Date('2026-11-27T09:00:00Z');
const draft = (o: Order): InvoiceDraft => {
  const result = draftInvoice({
    tenantId: 't1',
    invoiceId: 'i1',
    orderId: 'o1',
    order: o,
    seller,
    issuedAt,
    destinationTaxation: false,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
};
const line = (
  quantity: string,
  unitPrice: string,
  vatClass: 'standard' | 'reduced' | 'zero' | 'exempt',
  discount?: string,
) => ({
  description: `item ${unitPrice}`,
  quantity,
  unitPrice,
  vatClass,
  supplyType: 'goods' as const,
  ...(discount === undefined ? {} : { discount }),
});

describe('draftInvoice: Dutch domestic examples', () => {
  it('computes a mixed-rate basket with a line discount and shipping split pro rata (net prices)', () => {
    const invoice = draft(
      order({
        lines: [line('2', '12.50', 'reduced', '1.00'), line('1', '8.00', 'standard')],
        shipping: { description: 'Verzending', amount: '4.95' },
      }),
    );
    expect(invoice.lines.map((l) => [l.net, l.vatCategory, l.vatRate, l.unitPrice])).toEqual([
      ['24.00', 'S', '9', '12.50'],
      ['8.00', 'S', '21', '8.00'],
    ]);
    expect(invoice.allowancesCharges.map((c) => [c.kind, c.amount, c.vatRate, c.reasonCode])).toEqual([
      ['charge', '3.71', '9', 'SAA'],
      ['charge', '1.24', '21', 'SAA'],
    ]);
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'S',
        rate: '9',
        taxable: '27.71',
        vat: '2.49',
        reporting: { kind: 'nl-return', box: '1b' },
      },
      {
        category: 'S',
        rate: '21',
        taxable: '9.24',
        vat: '1.94',
        reporting: { kind: 'nl-return', box: '1a' },
      },
    ]);
    expect(invoice.totals).toEqual({
      lineNet: '32.00',
      allowances: '0.00',
      charges: '4.95',
      net: '36.95',
      vat: '4.43',
      gross: '41.38',
      prepaid: '0.00',
      payable: '41.38',
    });
    expect(invoice.dueDate).toBe('2026-12-11');
    expect(invoice.payment.meansCode).toBe('58');
  });

  it('keeps the gross total equal to what was paid for VAT-inclusive prices (7 × 0.35 incl. 21 %)', () => {
    const invoice = draft(
      order({
        pricesIncludeVat: true,
        lines: [line('7', '0.35', 'standard')],
        payment: { status: 'paid', method: 'ideal' },
      }),
    );
    // domain.md §3.4: category method net 2.02 + VAT 0.43 = 2.45 (per-unit rounding would drift to 2.46).
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'S',
        rate: '21',
        taxable: '2.02',
        vat: '0.43',
        reporting: { kind: 'nl-return', box: '1a' },
      },
    ]);
    expect(invoice.totals.gross).toBe('2.45');
    expect(invoice.totals.prepaid).toBe('2.45');
    expect(invoice.totals.payable).toBe('0.00');
    expect(invoice.payment.meansCode).toBe('68');
    expect(invoice.dueDate).toBeUndefined();
  });

  it('rounds VAT once per rate, not per line (3 × 0.05 net at 21 %)', () => {
    const invoice = draft(
      order({
        lines: [line('1', '0.05', 'standard'), line('1', '0.05', 'standard'), line('1', '0.05', 'standard')],
      }),
    );
    // per line 0.0105 → 0.01 each = 0.03; per rate 0.15 × 21 % = 0.0315 → 0.03; with 0.25: 0.0525 → 0.05
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'S',
        rate: '21',
        taxable: '0.15',
        vat: '0.03',
        reporting: { kind: 'nl-return', box: '1a' },
      },
    ]);
    const five = draft(order({ lines: Array.from({ length: 5 }, () => line('1', '0.05', 'standard')) }));
    expect(five.vatBreakdown[0]).toMatchObject({ taxable: '0.25', vat: '0.05' });
  });

  it('rounds half away from zero (0.50 × 9 % = 0.045 → 0.05)', () => {
    expect(draft(order({ lines: [line('1', '0.50', 'reduced')] })).vatBreakdown[0]!.vat).toBe('0.05');
  });

  it('spreads an order discount over the rates like shipping, as document allowances', () => {
    const invoice = draft(
      order({
        lines: [line('1', '30.00', 'standard'), line('1', '10.00', 'reduced')],
        discount: { description: 'Kortingscode WELKOM', amount: '5.00' },
      }),
    );
    expect(invoice.allowancesCharges).toEqual([
      {
        kind: 'allowance',
        reason: 'Kortingscode WELKOM',
        reasonCode: '95',
        amount: '3.75',
        vatCategory: 'S',
        vatRate: '21',
      },
      {
        kind: 'allowance',
        reason: 'Kortingscode WELKOM',
        reasonCode: '95',
        amount: '1.25',
        vatCategory: 'S',
        vatRate: '9',
      },
    ]);
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'S',
        rate: '21',
        taxable: '26.25',
        vat: '5.51',
        reporting: { kind: 'nl-return', box: '1a' },
      },
      { category: 'S', rate: '9', taxable: '8.75', vat: '0.79', reporting: { kind: 'nl-return', box: '1b' } },
    ]);
    expect(invoice.totals).toMatchObject({
      lineNet: '40.00',
      allowances: '5.00',
      net: '35.00',
      vat: '6.30',
      gross: '41.30',
    });
  });

  it('maps zero-rated and exempt classes to Z and E with the exemption reason as a note', () => {
    const invoice = draft(order({ lines: [line('1', '10.00', 'zero'), line('1', '20.00', 'exempt')] }));
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'Z',
        rate: '0',
        taxable: '10.00',
        vat: '0.00',
        reporting: { kind: 'nl-return', box: '1e' },
      },
      {
        category: 'E',
        rate: '0',
        taxable: '20.00',
        vat: '0.00',
        exemptionReason: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
        reporting: { kind: 'exempt' },
      },
    ]);
    expect(invoice.notes).toEqual(['Vrijgesteld van btw (art. 11 Wet OB 1968)']);
  });

  it('writes the document and its legal notes in the buyer’s language when the shop gives one', () => {
    const german = draft(
      order({
        customer: {
          name: 'Erika Mustermann',
          language: 'de',
          address: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
        },
        lines: [line('1', '20.00', 'exempt')],
      }),
    );
    expect(german.language).toBe('de');
    expect(german.notes).toEqual(['Von der Umsatzsteuer befreit (Art. 11 niederländisches UStG 1968)']);
    expect(draft(order({ lines: [line('1', '20.00', 'exempt')] })).language).toBe('nl');
  });

  it('accepts a Dutch shop sending rates instead of classes', () => {
    const invoice = draft(
      order({
        lines: [
          { description: 'Boek', quantity: '1', unitPrice: '20.00', vatRate: '9', supplyType: 'goods' },
          { description: 'Pen', quantity: '1', unitPrice: '2.00', vatRate: '21', supplyType: 'goods' },
        ],
      }),
    );
    expect(invoice.vatBreakdown.map((b) => `${b.category}${b.rate}`)).toEqual(['S9', 'S21']);
  });

  it('takes the supply and issue dates in Amsterdam time, not UTC', () => {
    const lateNight = order({ orderedAt: '2026-11-30T23:30:00Z', lines: [line('1', '1.00', 'standard')] });
    const result = draftInvoice({
      tenantId: 't',
      invoiceId: 'i',
      orderId: 'o',
      order: lateNight,
      seller,
      issuedAt: new Date('2026-11-30T23:45:00Z'),
      destinationTaxation: false,
    });
    expect(result.ok && [result.draft.supplyDate, result.draft.issueDate]).toEqual([
      '2026-12-01',
      '2026-12-01',
    ]);
  });

  it('refuses, with field errors, what it cannot decide (foreign currency without a rate, no seller, discount > amount)', () => {
    const result = draftInvoice({
      tenantId: 't',
      invoiceId: 'i',
      orderId: 'o',
      order: order({
        currency: 'USD',
        shipTo: { street: 'Main St 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
        lines: [line('1', '5.00', 'standard', '6.00')],
      }),
      seller,
      issuedAt,
      destinationTaxation: false,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['exchangeRate']);
    const noSeller = draftInvoice({
      tenantId: 't',
      invoiceId: 'i',
      orderId: 'o',
      order: order({ lines: [line('1', '1.00', 'standard')] }),
      seller: undefined,
      issuedAt,
      destinationTaxation: false,
    });
    expect(!noSeller.ok && noSeller.errors[0]!.field).toBe('settings.seller');
    const bigDiscount = draftInvoice({
      tenantId: 't',
      invoiceId: 'i',
      orderId: 'o',
      order: order({ lines: [line('1', '5.00', 'standard', '6.00')] }),
      seller,
      issuedAt,
      destinationTaxation: false,
    });
    expect(!bigDiscount.ok && bigDiscount.errors).toEqual([
      { field: 'lines.0.discount', message: 'is larger than the line amount' },
    ]);
  });
});

const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));
const vatClass = fc.constantFrom('standard', 'reduced', 'zero', 'exempt') as fc.Arbitrary<
  'standard' | 'reduced' | 'zero' | 'exempt'
>;
const randomLine = fc
  .record({
    quantity: fc.integer({ min: 1, max: 20 }),
    unitPrice: cents(0, 99_999),
    vatClass,
    discountShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ quantity, unitPrice, vatClass, discountShare }) => {
    const amount = round2(decimal(unitPrice).times(quantity));
    const discount = round2(amount.times(discountShare).div(400));
    return line(String(quantity), unitPrice, vatClass, discount.gt(0) ? discount.toFixed(2) : undefined);
  });
const randomOrder = fc
  .record({
    lines: fc.array(randomLine, { minLength: 1, maxLength: 12 }),
    pricesIncludeVat: fc.boolean(),
    shipping: fc.option(cents(0, 2_500), { nil: undefined }),
    discountShare: fc.integer({ min: 0, max: 50 }),
    paid: fc.boolean(),
  })
  .map(({ lines, pricesIncludeVat, shipping, discountShare, paid }) => {
    const goods = sum(
      lines.map((l) => round2(decimal(l.quantity).times(l.unitPrice)).minus(l.discount ?? '0')),
    );
    const discount = round2(goods.times(discountShare).div(100));
    return order({
      lines,
      pricesIncludeVat,
      ...(shipping === undefined ? {} : { shipping: { description: 'Verzending', amount: shipping } }),
      ...(discount.gt(0) ? { discount: { description: 'Korting', amount: discount.toFixed(2) } } : {}),
      payment: { status: paid ? 'paid' : 'unpaid' },
    });
  });

const twoDecimals = /^\d+\.\d{2}$/;

describe('draftInvoice: properties over random orders', () => {
  it('always satisfies EN 16931 BR-CO-10…16 exactly, with two-decimal amounts', () => {
    fc.assert(
      fc.property(randomOrder, (o) => {
        const { totals, lines, allowancesCharges, vatBreakdown } = draft(o);
        const amounts = [
          ...Object.values(totals),
          ...lines.map((l) => l.net),
          ...allowancesCharges.map((a) => a.amount),
          ...vatBreakdown.flatMap((b) => [b.taxable, b.vat]),
        ];
        for (const a of amounts) expect(a).toMatch(twoDecimals);
        const total = (xs: string[]) => sum(xs.map((x) => decimal(x)));
        const allowances = total(
          allowancesCharges.filter((a) => a.kind === 'allowance').map((a) => a.amount),
        );
        const charges = total(allowancesCharges.filter((a) => a.kind === 'charge').map((a) => a.amount));
        expect(decimal(totals.lineNet).eq(total(lines.map((l) => l.net)))).toBe(true); // BR-CO-10
        expect(decimal(totals.allowances).eq(allowances)).toBe(true); // BR-CO-11
        expect(decimal(totals.charges).eq(charges)).toBe(true); // BR-CO-12
        expect(decimal(totals.net).eq(decimal(totals.lineNet).minus(allowances).plus(charges))).toBe(true); // BR-CO-13
        expect(decimal(totals.vat).eq(total(vatBreakdown.map((b) => b.vat)))).toBe(true); // BR-CO-14
        expect(decimal(totals.gross).eq(decimal(totals.net).plus(totals.vat))).toBe(true); // BR-CO-15
        expect(decimal(totals.payable).eq(decimal(totals.gross).minus(totals.prepaid))).toBe(true); // BR-CO-16
        expect(decimal(totals.net).eq(total(vatBreakdown.map((b) => b.taxable)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('computes each breakdown from its own lines, charges and allowances (BR-S-08) and its VAT per BR-CO-17', () => {
    fc.assert(
      fc.property(randomOrder, (o) => {
        const invoice = draft(o);
        for (const b of invoice.vatBreakdown) {
          const mine = <T extends { vatCategory: string; vatRate: string }>(xs: T[]) =>
            xs.filter((x) => x.vatCategory === b.category && x.vatRate === b.rate);
          const expected = sum(mine(invoice.lines).map((l) => decimal(l.net))).plus(
            sum(
              mine(invoice.allowancesCharges).map((a) =>
                decimal(a.amount).times(a.kind === 'charge' ? 1 : -1),
              ),
            ),
          );
          expect(decimal(b.taxable).eq(expected)).toBe(true);
          const exact = round2(decimal(b.taxable).times(b.rate).div(100));
          if (o.pricesIncludeVat) expect(decimal(b.vat).minus(exact).abs().lte('0.01')).toBe(true);
          else expect(decimal(b.vat).eq(exact)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes the gross total equal what the customer paid when prices include VAT', () => {
    fc.assert(
      fc.property(
        randomOrder.filter((o) => o.pricesIncludeVat),
        (o) => {
          const paid = sum(
            o.lines.map((l) => round2(decimal(l.quantity).times(l.unitPrice)).minus(l.discount ?? '0')),
          )
            .plus(o.shipping?.amount ?? '0')
            .minus(o.discount?.amount ?? '0');
          expect(draft(o).totals.gross).toBe(paid.toFixed(2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every line net within Peppol R120 tolerance of quantity × net price − line allowance', () => {
    fc.assert(
      fc.property(randomOrder, (o) => {
        for (const l of draft(o).lines) {
          const computed = decimal(l.quantity)
            .times(l.unitPrice)
            .minus(l.discount ?? '0');
          expect(computed.minus(l.net).abs().lte('0.02')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
