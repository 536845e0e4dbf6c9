import { describe, expect, it } from 'vitest';
import { invoiceDecider } from '../../src/domain/invoice/invoice.js';
import { isBalanced, journalLinesFor } from '../../src/domain/invoice/journal.js';
import { type OrderCommand, orderDecider } from '../../src/domain/order/order-decider.js';
import { invoiceSeriesDecider } from '../../src/domain/series/invoice-series.js';
import { fold } from '../../src/domain/shared/decider.js';
import { ValidationError } from '../../src/domain/shared/errors.js';
import { domesticMixedRates } from '../fixtures/invoices/domestic-mixed-rates.js';
import { order } from './support.js';

const now = new Date('2026-11-27T10:00:00Z');
const assign = (invoiceId: string) =>
  ({
    type: 'AssignInvoiceNumber',
    tenantId: 't1',
    seriesKey: 'invoice-2026',
    prefix: '2026-',
    invoiceId,
    now,
  }) as const;

describe('invoice series (given events, when command, then events)', () => {
  it('gives the first invoice number 000001', () => {
    const events = invoiceSeriesDecider.decide(assign('inv-a'), invoiceSeriesDecider.initialState);
    expect(events).toEqual([
      {
        type: 'InvoiceNumberAssigned',
        data: {
          tenantId: 't1',
          seriesKey: 'invoice-2026',
          invoiceId: 'inv-a',
          sequence: 1,
          number: '2026-000001',
          assignedAt: now.toISOString(),
        },
      },
    ]);
  });

  it('continues without gaps and answers a retry for the same invoice with no new event', () => {
    const history: ReturnType<typeof invoiceSeriesDecider.decide> = [];
    for (const command of [assign('inv-a'), assign('inv-b')]) {
      history.push(...invoiceSeriesDecider.decide(command, fold(invoiceSeriesDecider, history)));
    }
    const state = fold(invoiceSeriesDecider, history);
    expect(invoiceSeriesDecider.decide(assign('inv-a'), state)).toEqual([]);
    expect(state.numberByInvoice.get('inv-a')).toBe('2026-000001');
    expect(invoiceSeriesDecider.decide(assign('inv-c'), state)[0]!.data.number).toBe('2026-000003');
  });
});

describe('order', () => {
  const received = order({
    lines: [
      { description: 'x', quantity: '1', unitPrice: '1.00', vatClass: 'standard', supplyType: 'goods' },
    ],
  });
  const receive = { type: 'ReceiveOrder', tenantId: 't1', orderId: 'o1', order: received, now } as const;

  it('records a received order once; a duplicate delivery changes nothing', () => {
    const events = orderDecider.decide(receive, orderDecider.initialState);
    expect(events.map((e) => e.type)).toEqual(['OrderReceived']);
    expect(orderDecider.decide(receive, fold(orderDecider, events))).toEqual([]);
  });

  it('parks an order for attention with the reason, once per reason', () => {
    const state = fold(orderDecider, orderDecider.decide(receive, orderDecider.initialState));
    const flag: OrderCommand = {
      type: 'FlagOrderNeedsAttention',
      tenantId: 't1',
      orderId: 'o1',
      reason: 'issue: x',
      errors: [],
      now,
    };
    const flagged = orderDecider.decide(flag, state);
    expect(flagged.map((e) => e.type)).toEqual(['OrderNeedsAttention']);
    expect(
      orderDecider.decide(
        flag,
        fold(orderDecider, [...orderDecider.decide(receive, orderDecider.initialState), ...flagged]),
      ),
    ).toEqual([]);
  });
});

describe('invoice', () => {
  const issued = fold(
    invoiceDecider,
    invoiceDecider.decide(
      { type: 'IssueInvoice', invoice: domesticMixedRates, now },
      invoiceDecider.initialState,
    ),
  );

  it('is issued once: issuing again changes nothing (an issued invoice is immutable)', () => {
    expect(
      invoiceDecider.decide(
        { type: 'IssueInvoice', invoice: { ...domesticMixedRates, number: 'X' }, now },
        issued,
      ),
    ).toEqual([]);
  });

  it('books a balanced journal entry once, and refuses an unbalanced one', () => {
    const lines = journalLinesFor(domesticMixedRates);
    expect(isBalanced(lines)).toBe(true);
    expect(lines[0]).toMatchObject({ account: 'BVorDebHad', debit: domesticMixedRates.totals.gross });
    const booked = invoiceDecider.decide({ type: 'BookInvoice', lines, now }, issued);
    expect(booked.map((e) => e.type)).toEqual(['InvoiceBooked']);
    expect(
      invoiceDecider.decide(
        { type: 'BookInvoice', lines, now },
        booked.reduce(invoiceDecider.evolve, issued),
      ),
    ).toEqual([]);
    const unbalanced = [...lines, { account: 'X', accountName: 'X', debit: '0.01', credit: '0.00' }];
    expect(() => invoiceDecider.decide({ type: 'BookInvoice', lines: unbalanced, now }, issued)).toThrow(
      ValidationError,
    );
  });

  it('refuses follow-up facts about an invoice that was never issued', () => {
    expect(() =>
      invoiceDecider.decide(
        { type: 'RecordSent', recipient: 'a@b.nl', messageId: 'm', now },
        invoiceDecider.initialState,
      ),
    ).toThrow(ValidationError);
  });
});
