import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CreditRequest, draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import {
  type CreditedSoFar,
  type CreditRecord,
  creditedSoFar,
} from '../../../src/domain/invoice/credit-record.js';
import { type InvoiceEvent, invoiceDecider } from '../../../src/domain/invoice/invoice.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { decimal, formatAmount, sum } from '../../../src/domain/shared/money.js';
import { anOrder, creditedAt, expectConsistent, issue } from './support.js';

const total = (values: readonly string[]) => formatAmount(sum(values.map((value) => decimal(value))));

/** A partial credit described relative to what is left, so that every generated request is plausible. */
const aPartialCredit = fc.record({
  kind: fc.constantFrom('lines' as const, 'amount' as const),
  picks: fc.array(fc.record({ line: fc.nat(), percent: fc.integer({ min: 1, max: 100 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  percent: fc.integer({ min: 1, max: 100 }),
});
type PartialCredit = typeof aPartialCredit extends fc.Arbitrary<infer T> ? T : never;

const requestFor = (
  seed: PartialCredit,
  original: InvoiceDocument,
  left: CreditedSoFar,
): CreditRequest | undefined => {
  if (seed.kind === 'amount') {
    const amount = left.gross.times(seed.percent).div(100).round(2, 0);
    return amount.gt(0) ? { kind: 'amount', amount: amount.toFixed(2), reason: 'Compensatie' } : undefined;
  }
  const lines = new Map<string, string>();
  for (const { line, percent } of seed.picks) {
    const { id } = original.lines[line % original.lines.length]!;
    const quantity = left.lines.get(id)!.quantity;
    const chosen = quantity.times(percent).div(100).round(0, 0);
    if (quantity.gt(0)) lines.set(id, (chosen.gt(0) ? chosen : decimal(1)).toFixed());
  }
  return lines.size === 0
    ? undefined
    : { kind: 'lines', lines: [...lines].map(([lineId, quantity]) => ({ lineId, quantity })) };
};

const draft = (original: InvoiceDocument, records: readonly CreditRecord[], request: CreditRequest) =>
  draftCreditNote({
    original,
    credited: creditedSoFar(original, records),
    request,
    creditNoteId: `cn-${records.length + 1}`,
    issuedAt: creditedAt,
  });

const numbered = (document: Omit<InvoiceDocument, 'number'>): InvoiceDocument => ({
  ...document,
  number: `C2026-${document.invoiceId}`,
});

const expectNothingNegative = (left: CreditedSoFar) => {
  for (const { quantity, net } of left.lines.values()) expect(quantity.gte(0) && net.gte(0)).toBe(true);
  for (const amount of left.allowancesCharges) expect(amount.gte(0)).toBe(true);
  for (const group of left.groups) {
    expect(group.taxable.gte(0) && group.vat.gte(0) && group.gross.gte(0)).toBe(true);
  }
  expect(left.gross.gte(0)).toBe(true);
};

describe('credit notes (properties over invoices from the real invoice calculation)', () => {
  it('a full credit of a fresh invoice nets every total and every breakdown entry to zero', () => {
    fc.assert(
      fc.property(anOrder, (order) => {
        const original = issue(order);
        const result = draft(original, [], { kind: 'full' });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const document = numbered(result.draft);

        expectConsistent(document);
        expect(document.lines).toEqual(original.lines);
        expect(document.allowancesCharges).toEqual(original.allowancesCharges);
        expect(document.vatBreakdown).toEqual(original.vatBreakdown);
        for (const key of ['lineNet', 'allowances', 'charges', 'net', 'vat', 'gross'] as const) {
          expect(formatAmount(decimal(original.totals[key]).minus(document.totals[key]))).toBe('0.00');
        }
        expect(document.taxCurrency).toEqual(original.taxCurrency);
        expect(result.credit.gross).toBe(original.totals.gross);
      }),
    );
  });

  it('partial credits never exceed the invoice, and with a final full credit add up to it exactly', () => {
    fc.assert(
      fc.property(anOrder, fc.array(aPartialCredit, { maxLength: 4 }), (order, seeds) => {
        const original = issue(order);
        const events: InvoiceEvent[] = invoiceDecider.decide(
          { type: 'IssueInvoice', invoice: original, now: creditedAt },
          invoiceDecider.initialState,
        );
        const issued = () => {
          const state = fold(invoiceDecider, events);
          if (state.status !== 'issued') throw new Error('not issued');
          return state;
        };
        const documents: InvoiceDocument[] = [];
        const recordCredit = (request: CreditRequest) => {
          const state = issued();
          const result = draft(original, state.credits, request);
          if (!result.ok) return result.errors;
          expectConsistent(numbered(result.draft));
          // The aggregate accepts what the calculation produced (its own check is the same arithmetic).
          events.push(
            ...invoiceDecider.decide({ type: 'RecordCredit', credit: result.credit, now: creditedAt }, state),
          );
          documents.push(numbered(result.draft));
          return [];
        };

        for (const seed of seeds) {
          const request = requestFor(seed, original, creditedSoFar(original, issued().credits));
          if (request === undefined) continue;
          const errors = recordCredit(request);
          // Only lines can be refused here: they may be worth more than an earlier refund by amount left.
          expect(errors.every((error) => error.field === 'lines' && request.kind === 'lines')).toBe(true);
          expectNothingNegative(creditedSoFar(original, issued().credits));
        }
        const before = creditedSoFar(original, issued().credits);
        const anythingLeft = before.gross.gt(0) || [...before.lines.values()].some((l) => l.quantity.gt(0));
        const finalErrors = recordCredit({ kind: 'full' });
        expect(finalErrors.map((error) => error.field)).toEqual(anythingLeft ? [] : ['invoice']);

        const { credits } = issued();
        expect(creditedSoFar(original, credits).gross.toFixed(2)).toBe('0.00');
        for (const key of ['net', 'vat', 'gross'] as const) {
          expect(total(documents.map((document) => document.totals[key]))).toBe(original.totals[key]);
        }
        for (const entry of original.vatBreakdown) {
          const same = documents.flatMap((document) =>
            document.vatBreakdown.filter((c) => c.category === entry.category && c.rate === entry.rate),
          );
          expect(total(same.map((credited) => credited.taxable))).toBe(entry.taxable);
          expect(total(same.map((credited) => credited.vat))).toBe(entry.vat);
        }
        if (!anythingLeft) return;
        // The final full credit took the rest of every line and every allowance/charge too.
        for (const line of original.lines) {
          const taken = credits.flatMap((record) => record.lines.filter((l) => l.lineId === line.id));
          expect(sum(taken.map((l) => decimal(l.quantity))).eq(line.quantity)).toBe(true);
          expect(total(taken.map((l) => l.net))).toBe(line.net);
        }
        original.allowancesCharges.forEach((entry, index) => {
          const taken = credits.flatMap((record) =>
            record.allowancesCharges.filter((e) => e.index === index),
          );
          expect(total(taken.map((e) => e.amount))).toBe(entry.amount);
        });
      }),
    );
  });
});
