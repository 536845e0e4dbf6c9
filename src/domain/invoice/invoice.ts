import { z } from 'zod';
import { toAmsterdamDate } from '../shared/dates.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import { decimal, formatAmount } from '../shared/money.js';
import { amountString } from '../shared/schemas.js';
import { type CreditRecord, creditExcess, creditedSoFar, creditRecordSchema } from './credit-record.js';
import { type InvoiceDocument, invoiceDocumentSchema } from './invoice-document.js';
import {
  isBalanced,
  type JournalLine,
  journalLineSchema,
  paymentLinesFor,
  receivableInEuro,
} from './journal.js';

// Events
const storedDocumentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
});

export const invoiceEventSchemas = {
  InvoiceIssued: z.object({ invoice: invoiceDocumentSchema, issuedAt: z.iso.datetime() }),
  /**
   * What the invoice would be (a channel in test mode): no legal number (`number` is a CONCEPT
   * label), a PDF marked CONCEPT, never sent, booked or reported. Issuing replaces it.
   */
  InvoiceDrafted: z.object({
    invoice: invoiceDocumentSchema,
    pdf: storedDocumentSchema,
    draftedAt: z.iso.datetime(),
  }),
  InvoiceDocumentsRendered: z.object({
    invoiceId: z.string(),
    pdf: storedDocumentSchema,
    ubl: storedDocumentSchema.extend({ customizationId: z.string() }),
    renderedAt: z.iso.datetime(),
  }),
  InvoiceSent: z.object({
    invoiceId: z.string(),
    route: z.literal('email'),
    recipient: z.string(),
    messageId: z.string(),
    sentAt: z.iso.datetime(),
  }),
  InvoiceBooked: z.object({
    invoiceId: z.string(),
    bookingDate: z.string(),
    journal: z.string(),
    lines: z.array(journalLineSchema).min(2),
    bookedAt: z.iso.datetime(),
  }),
  /**
   * Money received for an invoice (at checkout, or later by transfer) or refunded for a credit note:
   * the receivable settled through the bank/PSP journal.
   */
  InvoicePaymentRecorded: z.object({
    invoiceId: z.string(),
    paymentId: z.string().default('checkout'),
    paidAt: z.string(),
    method: z.string().optional(),
    amountEur: amountString,
    bookingDate: z.string(),
    journal: z.literal('bank'),
    lines: z.array(journalLineSchema).min(2),
  }),
  InvoiceNeedsAttention: z.object({
    invoiceId: z.string(),
    step: z.string(),
    reason: z.string(),
    at: z.iso.datetime(),
  }),
  /** A credit note (numbered later, on its own stream) took this part of the invoice. */
  InvoiceCredited: creditRecordSchema.extend({ invoiceId: z.string(), creditedAt: z.iso.datetime() }),
};
export type InvoiceEvent = {
  [K in keyof typeof invoiceEventSchemas]: { type: K; data: z.infer<(typeof invoiceEventSchemas)[K]> };
}[keyof typeof invoiceEventSchemas];

// Commands
type StoredDocument = z.infer<typeof storedDocumentSchema>;
export type InvoiceCommand =
  | { type: 'IssueInvoice'; invoice: InvoiceDocument; now: Date }
  | { type: 'DraftInvoice'; invoice: InvoiceDocument; pdf: { sha256: string; bytes: number }; now: Date }
  | {
      type: 'RecordRenderedDocuments';
      pdf: StoredDocument;
      ubl: StoredDocument & { customizationId: string };
      now: Date;
    }
  | { type: 'RecordSent'; recipient: string; messageId: string; now: Date }
  | { type: 'BookInvoice'; lines: JournalLine[]; now: Date }
  | {
      type: 'RecordPayment';
      paymentId: string;
      paidAt: string;
      method?: string;
      amountEur: string;
      now: Date;
    }
  | { type: 'FlagNeedsAttention'; step: string; reason: string; now: Date }
  | { type: 'RecordCredit'; credit: CreditRecord; now: Date };

// State
export type InvoiceState =
  | { status: 'none' }
  | { status: 'draft'; draft: InvoiceDocument }
  | {
      status: 'issued';
      invoice: InvoiceDocument;
      rendered: boolean;
      sent: boolean;
      booked: boolean;
      /** EUR received (invoice) or refunded (credit note) so far, and the payments already recorded. */
      paidEur: string;
      paymentIds: readonly string[];
      /** Earlier credit notes, for what is left to credit (`creditedSoFar`). */
      credits: CreditRecord[];
    };

/**
 * An issued invoice is immutable (invariant 1): later events only add facts about its documents,
 * delivery and booking; a correction is a credit note, never a change. What each credit note took is
 * recorded here, so that the credit notes together never exceed the invoice.
 */
export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    const now = command.now.toISOString();
    if (command.type === 'IssueInvoice') {
      return state.status === 'issued'
        ? []
        : [{ type: 'InvoiceIssued', data: { invoice: command.invoice, issuedAt: now } }];
    }
    if (command.type === 'DraftInvoice') {
      return state.status === 'none'
        ? [{ type: 'InvoiceDrafted', data: { invoice: command.invoice, pdf: command.pdf, draftedAt: now } }]
        : [];
    }
    if (state.status !== 'issued') throw new ValidationError(`${command.type}: the invoice was never issued`);
    const invoiceId = state.invoice.invoiceId;
    switch (command.type) {
      case 'RecordRenderedDocuments':
        if (state.rendered) return [];
        return [
          {
            type: 'InvoiceDocumentsRendered',
            data: { invoiceId, pdf: command.pdf, ubl: command.ubl, renderedAt: now },
          },
        ];
      case 'RecordSent':
        if (state.sent) return [];
        return [
          {
            type: 'InvoiceSent',
            data: {
              invoiceId,
              route: 'email',
              recipient: command.recipient,
              messageId: command.messageId,
              sentAt: now,
            },
          },
        ];
      case 'BookInvoice':
        if (state.booked) return [];
        if (!isBalanced(command.lines)) throw new ValidationError('journal entry does not balance');
        return [
          {
            type: 'InvoiceBooked',
            data: {
              invoiceId,
              bookingDate: state.invoice.issueDate,
              journal: 'sales',
              lines: command.lines,
              bookedAt: now,
            },
          },
        ];
      case 'RecordPayment': {
        if (state.paymentIds.includes(command.paymentId)) return [];
        const open = decimal(receivableInEuro(state.invoice)).minus(state.paidEur);
        if (decimal(command.amountEur).lte(0) || decimal(command.amountEur).gt(open)) {
          throw new ValidationError('The payment does not fit the open amount', [
            {
              field: 'amount',
              message: `must be more than 0 and at most the ${formatAmount(open)} EUR still open`,
            },
          ]);
        }
        return [
          {
            type: 'InvoicePaymentRecorded',
            data: {
              invoiceId,
              paymentId: command.paymentId,
              paidAt: command.paidAt,
              ...(command.method === undefined ? {} : { method: command.method }),
              amountEur: command.amountEur,
              bookingDate: toAmsterdamDate(command.paidAt),
              journal: 'bank',
              lines: paymentLinesFor(state.invoice, command.amountEur, command.method),
            },
          },
        ];
      }
      case 'FlagNeedsAttention':
        return [
          {
            type: 'InvoiceNeedsAttention',
            data: { invoiceId, step: command.step, reason: command.reason, at: now },
          },
        ];
      case 'RecordCredit':
        return recordCredit(state, command.credit, now);
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'InvoiceIssued') {
      return {
        status: 'issued',
        invoice: event.data.invoice,
        rendered: false,
        sent: false,
        booked: false,
        paidEur: '0.00',
        paymentIds: [],
        credits: [],
      };
    }
    if (event.type === 'InvoiceDrafted') {
      return state.status === 'none' ? { status: 'draft', draft: event.data.invoice } : state;
    }
    if (state.status !== 'issued') return state;
    switch (event.type) {
      case 'InvoiceDocumentsRendered':
        return { ...state, rendered: true };
      case 'InvoiceSent':
        return { ...state, sent: true };
      case 'InvoiceBooked':
        return { ...state, booked: true };
      case 'InvoicePaymentRecorded':
        return {
          ...state,
          paidEur: formatAmount(decimal(state.paidEur).plus(event.data.amountEur)),
          paymentIds: [...state.paymentIds, event.data.paymentId],
        };
      case 'InvoiceNeedsAttention':
        return state;
      case 'InvoiceCredited': {
        const { invoiceId: _invoice, creditedAt: _at, ...credit } = event.data;
        return { ...state, credits: [...state.credits, credit] };
      }
      default:
        return assertNever(event);
    }
  },
};

/** Idempotent by credit note id; refuses crediting a credit note or more than is left (defence in depth). */
function recordCredit(
  state: Extract<InvoiceState, { status: 'issued' }>,
  credit: CreditRecord,
  now: string,
): InvoiceEvent[] {
  const { invoice, credits } = state;
  if (credits.some((earlier) => earlier.creditNoteId === credit.creditNoteId)) return [];
  if (invoice.type !== 'invoice') {
    throw new ValidationError(`${invoice.number} is a credit note; only an invoice can be credited`);
  }
  const excess = creditExcess(invoice, creditedSoFar(invoice, credits), credit);
  if (excess.length > 0) {
    throw new ValidationError(
      `The credit exceeds what is left to credit of invoice ${invoice.number}`,
      excess,
    );
  }
  return [{ type: 'InvoiceCredited', data: { invoiceId: invoice.invoiceId, ...credit, creditedAt: now } }];
}
