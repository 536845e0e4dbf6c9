import { describe, expect, it } from 'vitest';
import { creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import { invoiceDecider, invoiceEventSchemas } from '../../../src/domain/invoice/invoice.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { credit } from './support.js';

const now = new Date('2026-12-04T10:00:00Z');
const issue = invoiceDecider.decide(
  { type: 'IssueInvoice', invoice: businessBuyerPeppol, now },
  invoiceDecider.initialState,
);
const first = credit(businessBuyerPeppol, { kind: 'lines', lines: [{ lineId: '1', quantity: '4' }] }).record;

describe('invoice: RecordCredit (given events, when command, then events)', () => {
  it('records what a credit note took on the invoice stream, without a number (that comes later)', () => {
    const events = invoiceDecider.decide(
      { type: 'RecordCredit', credit: first, now },
      fold(invoiceDecider, issue),
    );

    expect(events).toEqual([
      {
        type: 'InvoiceCredited',
        data: { invoiceId: businessBuyerPeppol.invoiceId, ...first, creditedAt: now.toISOString() },
      },
    ]);
    expect(invoiceEventSchemas.InvoiceCredited.parse(events[0]!.data)).toEqual(events[0]!.data);
  });

  it('exposes the credits in its state, which is what the next credit note is computed from', () => {
    const state = fold(invoiceDecider, [
      ...issue,
      ...invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, fold(invoiceDecider, issue)),
    ]);
    if (state.status !== 'issued') throw new Error('not issued');

    expect(state.credits).toEqual([first]);
    expect(creditedSoFar(businessBuyerPeppol, state.credits).lines.get('1')?.quantity.toFixed()).toBe('6');
    expect(creditedSoFar(businessBuyerPeppol, state.credits).gross.toFixed(2)).toBe('234.27');
  });

  it('is idempotent by credit note id: the same credit note again records nothing', () => {
    const credited = [
      ...issue,
      ...invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, fold(invoiceDecider, issue)),
    ];

    expect(
      invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, fold(invoiceDecider, credited)),
    ).toEqual([]);
  });

  it('refuses a credit that exceeds what is left, naming the parts', () => {
    const credited = [
      ...issue,
      ...invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, fold(invoiceDecider, issue)),
    ];
    const again = { ...first, creditNoteId: 'cn-2', lines: [{ lineId: '1', quantity: '7', net: '171.50' }] };

    const attempt = () =>
      invoiceDecider.decide({ type: 'RecordCredit', credit: again, now }, fold(invoiceDecider, credited));

    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.field)).toEqual([
        'lines.0.quantity',
        'lines.0.net',
      ]);
    }
  });

  it('refuses lines, allowances and VAT groups the invoice does not have', () => {
    const foreign = {
      ...first,
      creditNoteId: 'cn-3',
      lines: [{ lineId: '99', quantity: '1', net: '1.00' }],
      allowancesCharges: [{ index: 5, amount: '1.00' }],
      groups: [{ category: 'S' as const, rate: '6', taxable: '1.00', vat: '0.06', gross: '1.06' }],
    };

    expect(() =>
      invoiceDecider.decide({ type: 'RecordCredit', credit: foreign, now }, fold(invoiceDecider, issue)),
    ).toThrow(ValidationError);
  });

  it('credits only invoices, and only issued ones', () => {
    const creditNote = credit(businessBuyerPeppol, { kind: 'full' }).document;
    const issuedCreditNote = fold(
      invoiceDecider,
      invoiceDecider.decide({ type: 'IssueInvoice', invoice: creditNote, now }, invoiceDecider.initialState),
    );

    expect(() =>
      invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, issuedCreditNote),
    ).toThrow(/only an invoice can be credited/);
    expect(() =>
      invoiceDecider.decide({ type: 'RecordCredit', credit: first, now }, invoiceDecider.initialState),
    ).toThrow(ValidationError);
  });
});
