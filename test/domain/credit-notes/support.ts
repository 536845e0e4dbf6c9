import fc from 'fast-check';
import { expect } from 'vitest';
import { type CreditRequest, draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import { type CreditRecord, creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import { draftInvoice } from '../../../src/domain/invoice/invoice-calculation.js';
import {
  type DocumentAllowanceCharge,
  type InvoiceDocument,
  invoiceDocumentSchema,
} from '../../../src/domain/invoice/invoice-document.js';
import type { OrderInput } from '../../../src/domain/order/order.js';
import { decimal, formatAmount, sum } from '../../../src/domain/shared/money.js';
import { order, seller } from '../support.js';

export const issuedAt = new Date('2026-11-27T09:00:00Z');
export const creditedAt = new Date('2026-12-03T23:30:00Z'); // 4 December in Amsterdam

/** An issued invoice computed by the real invoice calculation, numbered "2026-000042". */
export const issue = (input: Partial<OrderInput> & Pick<OrderInput, 'lines'>): InvoiceDocument => {
  const result = draftInvoice({
    tenantId: 't1',
    invoiceId: 'inv-1',
    orderId: 'ord-1',
    order: order(input as Parameters<typeof order>[0]),
    seller,
    issuedAt,
    destinationTaxation: false,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result.draft, number: '2026-000042' };
};

/** Drafts a credit note against the credits recorded so far and numbers it; throws on field errors. */
export const credit = (
  original: InvoiceDocument,
  request: CreditRequest,
  earlier: readonly CreditRecord[] = [],
  creditNoteId = `cn-${earlier.length + 1}`,
): { document: InvoiceDocument; record: CreditRecord } => {
  const result = draftCreditNote({
    original,
    credited: creditedSoFar(original, earlier),
    request,
    creditNoteId,
    issuedAt: creditedAt,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { document: { ...result.draft, number: `C2026-${creditNoteId}` }, record: result.credit };
};

const total = (values: readonly string[]) => formatAmount(sum(values.map((value) => decimal(value))));

const amountsOf = (document: InvoiceDocument): string[] => [
  ...Object.values(document.totals),
  ...document.lines.flatMap((line) => [line.net, ...(line.discount === undefined ? [] : [line.discount])]),
  ...document.allowancesCharges.map((entry) => entry.amount),
  ...document.vatBreakdown.flatMap((entry) => [entry.taxable, entry.vat]),
  ...(document.taxCurrency === undefined ? [] : [document.taxCurrency.vat]),
];

/** EN 16931 BR-CO-10…16 and "Σ breakdown VAT = VAT total", exactly; every amount ≥ 0 with two decimals. */
export const expectConsistent = (document: InvoiceDocument) => {
  const { totals } = document;
  const documentLevel = (kind: DocumentAllowanceCharge['kind'], category?: string, rate?: string) =>
    document.allowancesCharges
      .filter((entry) => entry.kind === kind)
      .filter(
        (entry) =>
          category === undefined || (entry.vatCategory === category && decimal(entry.vatRate).eq(rate!)),
      )
      .map((entry) => entry.amount);

  expect(invoiceDocumentSchema.parse(document)).toEqual(document);
  for (const value of amountsOf(document)) expect(value).toMatch(/^\d+\.\d{2}$/);
  expect(total(document.lines.map((line) => line.net))).toBe(totals.lineNet); // BR-CO-10
  expect(total(documentLevel('allowance'))).toBe(totals.allowances); // BR-CO-11
  expect(total(documentLevel('charge'))).toBe(totals.charges); // BR-CO-12
  expect(formatAmount(decimal(totals.lineNet).minus(totals.allowances).plus(totals.charges))).toBe(
    totals.net,
  ); // BR-CO-13
  expect(total(document.vatBreakdown.map((entry) => entry.vat))).toBe(totals.vat); // BR-CO-14
  expect(total([totals.net, totals.vat])).toBe(totals.gross); // BR-CO-15
  expect(formatAmount(decimal(totals.gross).minus(totals.prepaid))).toBe(totals.payable); // BR-CO-16
  for (const entry of document.vatBreakdown) {
    // BR-S-08 and siblings: the taxable amount of a group is its lines + charges − allowances.
    const lines = document.lines.filter(
      (line) => line.vatCategory === entry.category && decimal(line.vatRate).eq(entry.rate),
    );
    const taxable = decimal(total(lines.map((line) => line.net)))
      .plus(total(documentLevel('charge', entry.category, entry.rate)))
      .minus(total(documentLevel('allowance', entry.category, entry.rate)));
    expect(formatAmount(taxable)).toBe(entry.taxable);
  }
};

const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));

const orderLine = fc.record({
  description: fc.constantFrom('Koffiebonen', 'Boek', 'Ontkalker', 'Cadeaubon'),
  quantity: fc.integer({ min: 1, max: 6 }).map(String),
  unitPrice: fc.oneof(
    cents(1, 20_000),
    fc.integer({ min: 1, max: 99_999 }).map((c) => (c / 10_000).toFixed(4)),
  ),
  vatClass: fc.constantFrom('standard', 'standard', 'reduced', 'zero', 'exempt'),
  supplyType: fc.constant('goods' as const),
});

/** Orders the invoice calculation accepts: NL or export, net or gross prices, EUR or USD, paid or not. */
export const anOrder: fc.Arbitrary<Partial<OrderInput> & Pick<OrderInput, 'lines'>> = fc
  .record({
    lines: fc.array(orderLine, { minLength: 1, maxLength: 5 }),
    pricesIncludeVat: fc.boolean(),
    shipping: fc.option(cents(1, 1_500), { nil: undefined }),
    discountPercent: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    usd: fc.boolean(),
    paid: fc.boolean(),
    abroad: fc.boolean(),
  })
  .map(({ lines, pricesIncludeVat, shipping, discountPercent, usd, paid, abroad }) => {
    const goods = sum(lines.map((line) => decimal(line.quantity).times(line.unitPrice).round(2, 1)));
    const discount =
      discountPercent === undefined ? undefined : goods.times(discountPercent).div(100).round(2, 0);
    return {
      lines,
      pricesIncludeVat,
      ...(shipping === undefined ? {} : { shipping: { description: 'Verzending', amount: shipping } }),
      ...(discount === undefined || discount.eq(0)
        ? {}
        : { discount: { description: 'Korting', amount: discount.toFixed(2) } }),
      ...(usd
        ? { currency: 'USD', exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' } }
        : {}),
      ...(paid ? { payment: { status: 'paid' as const, method: 'ideal' } } : {}),
      ...(abroad
        ? {
            customer: {
              name: 'Jane Doe',
              address: { street: 'Main St 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
            },
          }
        : {}),
    };
  });
