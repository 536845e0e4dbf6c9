import { describe, expect, it } from 'vitest';
import { invoiceDecider } from '../../src/domain/invoice/invoice.js';
import { isBalanced, journalLinesFor } from '../../src/domain/invoice/journal.js';
import { type OrderCommand, orderDecider } from '../../src/domain/order/order-decider.js';
import { invoiceSeriesDecider } from '../../src/domain/series/invoice-series.js';
import { fold } from '../../src/domain/shared/decider.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/shared/errors.js';
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

describe('order: a person releases it', () => {
  const received = order({
    customer: {
      name: 'Max',
      companyName: 'Muster GmbH',
      vatId: 'DE136695976',
      address: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
    },
    lines: [
      { description: 'x', quantity: '1', unitPrice: '1.00', vatClass: 'standard', supplyType: 'goods' },
    ],
  });
  const base = { tenantId: 't1', orderId: 'o1' } as const;
  const given = (...commands: OrderCommand[]) => {
    const history: ReturnType<typeof orderDecider.decide> = [];
    for (const command of commands)
      history.push(...orderDecider.decide(command, fold(orderDecider, history)));
    return fold(orderDecider, history);
  };
  const receive: OrderCommand = { type: 'ReceiveOrder', ...base, order: received, now };
  const park: OrderCommand = {
    type: 'FlagOrderNeedsAttention',
    ...base,
    reason: 'issue: settings',
    errors: [],
    now,
  };
  const hold: OrderCommand = { type: 'HoldOrder', ...base, reason: 'VIES down', now };
  const retry: OrderCommand = { type: 'RequestOrderRetry', ...base, requestedBy: 'api-key:k1', now };
  const decide: OrderCommand = {
    type: 'DecideVatId',
    ...base,
    decision: 'charge_as_consumer',
    decidedBy: 'api-key:k1',
    now,
  };

  it('retries a parked order: recorded with who, what it was and why, and it runs again', () => {
    const state = given(receive, park);
    expect(orderDecider.decide(retry, state)).toEqual([
      {
        type: 'OrderRetryRequested',
        data: {
          ...base,
          requestedBy: 'api-key:k1',
          previousStatus: 'needs_attention',
          previousReason: 'issue: settings',
          at: now.toISOString(),
        },
      },
    ]);
    const released = given(receive, park, retry);
    expect(released).toMatchObject({ status: 'received', retries: 1 });
    // The same failure after the release is a new fact, not a duplicate of the first.
    expect(orderDecider.decide(park, released).map((e) => e.type)).toEqual(['OrderNeedsAttention']);
  });

  it('refuses to retry an order that is neither held nor parked, and an unknown one', () => {
    expect(() => orderDecider.decide(retry, given(receive))).toThrow(ConflictError);
    expect(() => orderDecider.decide(retry, given(receive, park, retry))).toThrow(ConflictError);
    expect(() => orderDecider.decide(retry, orderDecider.initialState)).toThrow(NotFoundError);
  });

  it('records the VAT ID decision for a held order only, and releases it', () => {
    expect(orderDecider.decide(decide, given(receive, hold))).toEqual([
      {
        type: 'OrderVatIdDecided',
        data: {
          ...base,
          vatId: 'DE136695976',
          decision: 'charge_as_consumer',
          decidedBy: 'api-key:k1',
          at: now.toISOString(),
        },
      },
    ]);
    expect(given(receive, hold, decide)).toMatchObject({
      status: 'received',
      vatIdDecision: 'charge_as_consumer',
    });
    expect(() => orderDecider.decide(decide, given(receive))).toThrow(ConflictError);
    expect(() => orderDecider.decide(decide, given(receive, hold, decide))).toThrow(ConflictError);
  });

  it('refuses a different order under a known id instead of dropping it silently', () => {
    const changed: OrderCommand = {
      ...receive,
      order: { ...received, lines: [{ ...received.lines[0]!, quantity: '2' }] },
    } as OrderCommand;
    expect(() => orderDecider.decide(changed, given(receive))).toThrow(/different content/);
    expect(orderDecider.decide(receive, given(receive))).toEqual([]);
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

  it('drafts once without a number; issuing replaces the draft, and a draft can be neither sent nor booked', () => {
    const draftCommand = {
      type: 'DraftInvoice',
      invoice: { ...domesticMixedRates, number: 'CONCEPT-1234abcd' },
      pdf: { sha256: 'a'.repeat(64), bytes: 1000 },
      now,
    } as const;
    const drafted = invoiceDecider.decide(draftCommand, invoiceDecider.initialState);
    expect(drafted.map((e) => e.type)).toEqual(['InvoiceDrafted']);
    const draft = fold(invoiceDecider, drafted);
    expect(draft).toMatchObject({ status: 'draft' });
    expect(invoiceDecider.decide(draftCommand, draft)).toEqual([]);
    expect(() =>
      invoiceDecider.decide({ type: 'RecordSent', recipient: 'x@example.nl', messageId: '<m>', now }, draft),
    ).toThrow(ValidationError);
    const issuedAfterDraft = invoiceDecider.decide(
      { type: 'IssueInvoice', invoice: domesticMixedRates, now },
      draft,
    );
    expect(issuedAfterDraft.map((e) => e.type)).toEqual(['InvoiceIssued']);
    expect(fold(invoiceDecider, [...drafted, ...issuedAfterDraft])).toMatchObject({
      status: 'issued',
      invoice: { number: domesticMixedRates.number },
    });
    expect(invoiceDecider.decide(draftCommand, issued)).toEqual([]);
  });

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
