import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument, VatBreakdown } from '../../../src/domain/invoice/invoice-document.js';
import { isBalanced, type JournalLine, journalLinesFor } from '../../../src/domain/invoice/journal.js';
import { decimal, formatAmount, sum } from '../../../src/domain/shared/money.js';
import { domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { usdInvoice } from '../../fixtures/invoices/foreign-currency.js';
import { anOrder, credit, issue } from './support.js';

const brief = (lines: JournalLine[]) => lines.map((line) => [line.account, line.debit, line.credit]);

/** One breakdown entry of 100.00 (+ VAT) with the given treatment, lines and totals to match. */
const single = (entry: Omit<VatBreakdown, 'taxable'>): InvoiceDocument => {
  const gross = formatAmount(decimal('100.00').plus(entry.vat));
  return {
    ...domesticMixedRates,
    lines: [
      { ...domesticMixedRates.lines[0]!, net: '100.00', vatCategory: entry.category, vatRate: entry.rate },
    ],
    allowancesCharges: [],
    vatBreakdown: [{ ...entry, taxable: '100.00' }],
    totals: {
      ...domesticMixedRates.totals,
      lineNet: '100.00',
      charges: '0.00',
      net: '100.00',
      vat: entry.vat,
      gross,
      prepaid: gross,
    },
  };
};

describe('journalLinesFor', () => {
  it('books a domestic invoice: receivable, revenue and VAT per Dutch return box (1a, 1b)', () => {
    expect(brief(journalLinesFor(domesticMixedRates))).toEqual([
      ['BVorDebHad', '346.35', '0.00'],
      ['WOmzNohOlh', '0.00', '244.84'],
      ['BSchBepBtwOla', '0.00', '51.42'],
      ['WOmzNohOlv', '0.00', '45.95'],
      ['BSchBepBtwOlv', '0.00', '4.14'],
    ]);
  });

  it('books OSS and foreign-registration sales per member state, with VAT payable per country', () => {
    const oss = single({
      category: 'S',
      rate: '19',
      vat: '19.00',
      reporting: { kind: 'oss', countryCode: 'DE' },
    });
    const foreign = single({
      category: 'S',
      rate: '20',
      vat: '20.00',
      reporting: { kind: 'foreign', countryCode: 'FR' },
    });

    expect(brief(journalLinesFor(oss))).toEqual([
      ['BVorDebHad', '119.00', '0.00'],
      ['WOmzNohOlh-OSS-DE', '0.00', '100.00'],
      ['BSchBepBtwOss-DE', '0.00', '19.00'],
    ]);
    expect(brief(journalLinesFor(foreign))).toEqual([
      ['BVorDebHad', '120.00', '0.00'],
      ['WOmzNohOlh-BTL-FR', '0.00', '100.00'],
      ['BSchBepBtwBtl-FR', '0.00', '20.00'],
    ]);
  });

  it.each([
    ['K', { kind: 'nl-return', box: '3b' }, 'goods', 'WOmzNohOli'],
    ['AE', { kind: 'nl-return', box: '3b' }, 'services', 'WOmzNodOdi'],
    ['G', { kind: 'nl-return', box: '3a' }, undefined, 'WOmzNohOla'],
    ['Z', { kind: 'nl-return', box: '1e' }, undefined, 'WOmzNohOlg'],
    ['E', { kind: 'exempt' }, undefined, 'WOmzNohOvr'],
    ['O', { kind: 'outside-scope' }, undefined, 'WOmzNohNon'],
  ] as const)(
    'books category %s to its revenue account without a VAT line',
    (category, reporting, icp, account) => {
      const invoice = single({
        category,
        rate: '0',
        vat: '0.00',
        reporting,
        ...(icp === undefined ? {} : { icp }),
      });

      expect(brief(journalLinesFor(invoice))).toEqual([
        ['BVorDebHad', '100.00', '0.00'],
        [account, '0.00', '100.00'],
      ]);
    },
  );

  it('books a USD invoice in EUR: nets at the exchange rate, VAT as stated in EUR, receivable as the sum', () => {
    const lines = journalLinesFor(usdInvoice);

    // Nets 99.95 / 1.0850 = 92.1198… → 92.12 and 25.87 / 1.0850 = 23.8433… → 23.84; the EUR VAT 21.49 (BT-111)
    // spread over 20.99 : 2.33 → 19.342… and 2.147… → 19.34 + 2.15 by largest remainder.
    expect(brief(lines)).toEqual([
      ['BVorDebHad', '137.45', '0.00'],
      ['WOmzNohOlh', '0.00', '92.12'],
      ['BSchBepBtwOla', '0.00', '19.34'],
      ['WOmzNohOlv', '0.00', '23.84'],
      ['BSchBepBtwOlv', '0.00', '2.15'],
    ]);
    expect(formatAmount(sum([lines[2]!, lines[4]!].map((line) => decimal(line.credit))))).toBe(
      usdInvoice.taxCurrency!.vat,
    );
    expect(isBalanced(lines)).toBe(true);
  });

  it('books a credit note as the exact mirror: the same accounts, debit and credit swapped', () => {
    const creditNote = credit(domesticMixedRates, { kind: 'full' }).document;
    const mirrored = journalLinesFor(domesticMixedRates).map((line) => ({
      ...line,
      debit: line.credit,
      credit: line.debit,
    }));

    expect(journalLinesFor(creditNote)).toEqual(mirrored);
  });

  it('always balances, for invoices and for their credit notes (property)', () => {
    fc.assert(
      fc.property(
        anOrder,
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        (order, percent) => {
          const invoice = issue(order);
          const refund = decimal(invoice.totals.gross)
            .times(percent ?? 0)
            .div(100)
            .round(2, 0);
          const creditNote = credit(
            invoice,
            refund.gt(0)
              ? { kind: 'amount', amount: formatAmount(refund), reason: 'Compensatie' }
              : { kind: 'full' },
          ).document;
          for (const document of [invoice, creditNote]) {
            const lines = journalLinesFor(document);
            expect(isBalanced(lines)).toBe(true);
            for (const line of lines) {
              expect(line.debit).toMatch(/^\d+\.\d{2}$/);
              expect(line.credit).toMatch(/^\d+\.\d{2}$/);
            }
          }
        },
      ),
    );
  });
});
