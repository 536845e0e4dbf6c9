import { describe, expect, it } from 'vitest';
import { draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import { creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { credit, creditedAt, expectConsistent, issue } from './support.js';

const errorsOf = (
  original: InvoiceDocument,
  request: Parameters<typeof credit>[1],
  earlier = [] as ReturnType<typeof credit>['record'][],
) => {
  const result = draftCreditNote({
    original,
    credited: creditedSoFar(original, earlier),
    request,
    creditNoteId: 'cn-x',
    issuedAt: creditedAt,
  });
  return result.ok ? [] : result.errors.map((error) => error.field);
};

describe('draftCreditNote: full credit of an invoice nothing was credited from', () => {
  const { document, record } = credit(domesticMixedRates, { kind: 'full' });

  it('mirrors every line, allowance/charge, breakdown entry and total of the invoice', () => {
    expect(document.lines).toEqual(domesticMixedRates.lines);
    expect(document.allowancesCharges).toEqual(domesticMixedRates.allowancesCharges);
    expect(document.vatBreakdown).toEqual(domesticMixedRates.vatBreakdown);
    const { prepaid: _p, payable: _q, ...totals } = document.totals;
    const { prepaid: _r, payable: _s, ...originalTotals } = domesticMixedRates.totals;
    expect(totals).toEqual(originalTotals);
    expectConsistent(document);
  });

  it('is a credit note that references the invoice, dated in Amsterdam, with the same parties and currency', () => {
    expect(document).toMatchObject({
      type: 'credit_note',
      invoiceId: 'cn-1',
      tenantId: domesticMixedRates.tenantId,
      orderId: domesticMixedRates.orderId,
      billingReference: {
        invoiceId: domesticMixedRates.invoiceId,
        number: 'VW-2025-000123',
        issueDate: '2025-03-14',
      },
      issueDate: '2026-12-04',
      dueDate: '2026-12-04',
      supplyDate: domesticMixedRates.supplyDate,
      currency: 'EUR',
      language: 'nl',
      seller: domesticMixedRates.seller,
      buyer: domesticMixedRates.buyer,
    });
    expect(document.creditReason).toBeUndefined();
    // Only the mandatory VAT texts are repeated, not the shop's thank-you note.
    expect(document.notes).toEqual(['Creditnota voor factuur VW-2025-000123 van 14-03-2025']);
  });

  it('refunds a paid invoice the way it was paid: nothing prepaid, the whole gross pending', () => {
    expect(document.totals).toMatchObject({ gross: '346.35', prepaid: '0.00', payable: '346.35' });
    expect(document.payment).toEqual({ status: 'pending', method: 'creditcard', meansCode: '48' });
  });

  it('records what it took: all of every line, allowance/charge and VAT group', () => {
    expect(record).toEqual({
      creditNoteId: 'cn-1',
      lines: [
        { lineId: '1', quantity: '1', net: '224.00' },
        { lineId: '2', quantity: '3', net: '44.85' },
        { lineId: '3', quantity: '2', net: '14.99' },
      ],
      allowancesCharges: [
        { index: 0, amount: '5.85' },
        { index: 1, amount: '1.10' },
      ],
      groups: [
        { category: 'S', rate: '21', taxable: '244.84', vat: '51.42', gross: '296.26' },
        { category: 'S', rate: '9', taxable: '45.95', vat: '4.14', gross: '50.09' },
      ],
      gross: '346.35',
    });
  });

  it('sets an open invoice off against the credit (UNCL4461 97) in the document language', () => {
    const open = credit(businessBuyerPeppol, { kind: 'full', reason: ' Order cancelled ' }).document;

    expect(open.payment).toEqual({ status: 'unpaid', meansCode: '97' });
    expect(open.creditReason).toBe('Order cancelled');
    expect(open.notes).toEqual(['Credit note for invoice VW-2025-000124 of 2025-03-17']);
  });
});

describe('draftCreditNote: chosen lines', () => {
  // businessBuyerPeppol: 10 × 24.50 at 21 % with a 12.25 volume discount, 2 × 29.95 at 9 %.
  it('credits a part of a line with its share of the discount on its VAT group', () => {
    const { document, record } = credit(businessBuyerPeppol, {
      kind: 'lines',
      lines: [{ lineId: '1', quantity: '4' }],
    });

    // 245.00 × 4/10 = 98.00; discount 12.25 × 98/245 = 4.90; taxable 93.10; VAT 19.551 → 19.55.
    expect(document.lines).toEqual([{ ...businessBuyerPeppol.lines[0], quantity: '4', net: '98.00' }]);
    expect(document.allowancesCharges).toEqual([
      { ...businessBuyerPeppol.allowancesCharges[0], amount: '4.90' },
    ]);
    expect(document.vatBreakdown).toEqual([
      { ...businessBuyerPeppol.vatBreakdown[0], taxable: '93.10', vat: '19.55' },
    ]);
    expect(document.totals).toEqual({
      lineNet: '98.00',
      allowances: '4.90',
      charges: '0.00',
      net: '93.10',
      vat: '19.55',
      gross: '112.65',
      prepaid: '0.00',
      payable: '112.65',
    });
    expect(record.allowancesCharges).toEqual([{ index: 0, amount: '4.90' }]);
    expectConsistent(document);
  });

  it('gives the credit that takes the rest exactly what is left, and a final full credit the rest of the invoice', () => {
    const first = credit(businessBuyerPeppol, { kind: 'lines', lines: [{ lineId: '1', quantity: '4' }] });
    const second = credit(businessBuyerPeppol, { kind: 'lines', lines: [{ lineId: '1', quantity: '6' }] }, [
      first.record,
    ]);
    const last = credit(businessBuyerPeppol, { kind: 'full' }, [first.record, second.record]);

    expect(second.document.lines[0]).toMatchObject({ quantity: '6', net: '147.00' });
    expect(second.document.allowancesCharges[0]).toMatchObject({ amount: '7.35' });
    expect(second.document.vatBreakdown[0]).toMatchObject({ taxable: '139.65', vat: '29.33' });
    expect(last.document.lines).toEqual([businessBuyerPeppol.lines[1]]);
    expect(last.document.vatBreakdown).toEqual([businessBuyerPeppol.vatBreakdown[1]]);
    expect([first, second, last].map(({ document }) => document.totals.gross)).toEqual([
      '112.65',
      '168.98',
      '65.29',
    ]);
    // 112.65 + 168.98 + 65.29 = 346.92, the invoice's gross.
    expect(
      errorsOf(businessBuyerPeppol, { kind: 'full' }, [first.record, second.record, last.record]),
    ).toEqual(['invoice']);
  });

  it('does not drift by a cent: thirds of 1.00 are 0.33, 0.34 and 0.33', () => {
    const original = issue({
      lines: [
        {
          description: 'Sticker',
          quantity: '3',
          unitPrice: '0.3333',
          vatClass: 'standard',
          supplyType: 'goods',
        },
      ],
    });
    const records: ReturnType<typeof credit>['record'][] = [];
    const nets = [1, 2, 3].map(() => {
      const next = credit(original, { kind: 'lines', lines: [{ lineId: '1', quantity: '1' }] }, records);
      records.push(next.record);
      expectConsistent(next.document);
      return next.document.lines[0]!.net;
    });

    expect(original.lines[0]!.net).toBe('1.00');
    expect(nets).toEqual(['0.33', '0.34', '0.33']);
  });

  it('names the offending field for an unknown, repeated, malformed or too large quantity', () => {
    expect(
      errorsOf(businessBuyerPeppol, {
        kind: 'lines',
        lines: [
          { lineId: '9', quantity: '1' },
          { lineId: '1', quantity: '11' },
          { lineId: '2', quantity: '-1' },
          { lineId: '2', quantity: '1' },
        ],
      }),
    ).toEqual(['lines.0.lineId', 'lines.1.quantity', 'lines.2.quantity', 'lines.3.lineId']);
    expect(errorsOf(businessBuyerPeppol, { kind: 'lines', lines: [] })).toEqual(['lines']);
  });

  it('refuses lines worth more than is left after an earlier refund by amount', () => {
    const refund = credit(businessBuyerPeppol, { kind: 'amount', amount: '340.00', reason: 'Goodwill' });

    expect(
      errorsOf(businessBuyerPeppol, { kind: 'lines', lines: [{ lineId: '1', quantity: '10' }] }, [
        refund.record,
      ]),
    ).toEqual(['lines']);
  });
});

describe('draftCreditNote: refund by amount', () => {
  // domesticMixedRates: S 21 % 244.84 + 51.42 = 296.26 and S 9 % 45.95 + 4.14 = 50.09 (gross 346.35).
  const refund = credit(domesticMixedRates, {
    kind: 'amount',
    amount: '20.00',
    reason: 'Beschadigde verpakking',
  });

  it('spreads the gross over the VAT groups by their gross and takes the VAT out of each share', () => {
    // 20.00 × 296.26 / 346.35 = 17.1075… → 17.11 (largest remainder), 2.89;
    // 17.11 × 21/121 = 2.969… → 2.97, net 14.14; 2.89 × 9/109 = 0.2386… → 0.24, net 2.65.
    expect(
      refund.document.lines.map((line) => [line.description, line.quantity, line.vatRate, line.net]),
    ).toEqual([
      ['Beschadigde verpakking', '1', '21', '14.14'],
      ['Beschadigde verpakking', '1', '9', '2.65'],
    ]);
    expect(refund.document.vatBreakdown.map((entry) => [entry.rate, entry.taxable, entry.vat])).toEqual([
      ['21', '14.14', '2.97'],
      ['9', '2.65', '0.24'],
    ]);
    expect(refund.document.totals).toMatchObject({
      net: '16.79',
      vat: '3.21',
      gross: '20.00',
      payable: '20.00',
    });
    expect(refund.document.creditReason).toBe('Beschadigde verpakking');
    expect(refund.record.lines).toEqual([]);
    expectConsistent(refund.document);
  });

  it('leaves the rest for a final full credit, which gives the refund back as an allowance per group', () => {
    const rest = credit(domesticMixedRates, { kind: 'full' }, [refund.record]).document;

    expect(rest.lines).toEqual(domesticMixedRates.lines);
    expect(rest.allowancesCharges.slice(2)).toEqual([
      {
        kind: 'allowance',
        reason: 'Eerder terugbetaald',
        reasonCode: '95',
        amount: '14.14',
        vatCategory: 'S',
        vatRate: '21',
      },
      {
        kind: 'allowance',
        reason: 'Eerder terugbetaald',
        reasonCode: '95',
        amount: '2.65',
        vatCategory: 'S',
        vatRate: '9',
      },
    ]);
    expect(rest.vatBreakdown.map((entry) => [entry.taxable, entry.vat])).toEqual([
      ['230.70', '48.45'],
      ['43.30', '3.90'],
    ]);
    expect(rest.totals.gross).toBe('326.35');
    expectConsistent(rest);
  });

  it('refuses more than is left, a zero amount and a missing reason', () => {
    expect(errorsOf(domesticMixedRates, { kind: 'amount', amount: '346.36', reason: 'x' })).toEqual([
      'amount',
    ]);
    expect(errorsOf(domesticMixedRates, { kind: 'amount', amount: '0.00', reason: 'x' })).toEqual(['amount']);
    expect(errorsOf(domesticMixedRates, { kind: 'amount', amount: '1.005', reason: 'x' })).toEqual([
      'amount',
    ]);
    expect(errorsOf(domesticMixedRates, { kind: 'amount', amount: '5.00', reason: ' ' })).toEqual(['reason']);
    expect(
      errorsOf(domesticMixedRates, { kind: 'amount', amount: '346.35', reason: 'all' }, [refund.record]),
    ).toEqual(['amount']);
  });
});

describe('draftCreditNote: VAT treatment and currency of the invoice', () => {
  it('keeps the export treatment, its exemption texts and reporting, and repeats the mandatory note', () => {
    const original = issue({
      customer: {
        name: 'Jane Doe',
        address: { street: 'Main St 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
      },
      lines: [
        { description: 'Boek', quantity: '2', unitPrice: '12.50', vatClass: 'reduced', supplyType: 'goods' },
      ],
    });
    const { document } = credit(original, { kind: 'lines', lines: [{ lineId: '1', quantity: '1' }] });

    expect(document.vatBreakdown).toEqual([{ ...original.vatBreakdown[0], taxable: '12.50', vat: '0.00' }]);
    expect(document.vatBreakdown[0]).toMatchObject({
      category: 'G',
      reporting: { kind: 'nl-return', box: '3a' },
    });
    expect(document.notes.slice(1)).toEqual(original.notes);
    expect(document.notes[1]).toMatch(/art\. 146/);
  });

  it('states the credited VAT in EUR at the invoice exchange rate (BT-111)', () => {
    const original = issue({
      currency: 'USD',
      exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
      lines: [
        {
          description: 'Koffie',
          quantity: '3',
          unitPrice: '19.99',
          vatClass: 'standard',
          supplyType: 'goods',
        },
      ],
    });
    const { document } = credit(original, { kind: 'lines', lines: [{ lineId: '1', quantity: '1' }] });

    // 19.99 × 21 % = 4.1979 → 4.20 USD; 4.20 / 1.0850 = 3.8709… → 3.87 EUR.
    expect(document.currency).toBe('USD');
    expect(document.totals.vat).toBe('4.20');
    expect(document.taxCurrency).toEqual({
      currency: 'EUR',
      vat: '3.87',
      exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
    });
  });

  it('credits only invoices', () => {
    const creditNote = credit(domesticMixedRates, { kind: 'full' }).document;

    expect(errorsOf(creditNote, { kind: 'full' })).toEqual(['invoice']);
  });
});
