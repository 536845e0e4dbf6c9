import { type CreditRequest, draftCreditNote } from '../domain/invoice/credit-note.js';
import { creditedSoFar } from '../domain/invoice/credit-record.js';
import { invoiceDecider } from '../domain/invoice/invoice.js';
import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import { NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { invoiceStream } from '../domain/streams.js';
import { assignDocumentNumber, type NumberingDependencies } from './assign-number.js';
import { handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';
import { getSellerSettings } from './tenants.js';

export interface IssueCreditNoteInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  /** Stable per request (derived from the Idempotency-Key when given), so a retry finds its own work. */
  readonly creditNoteId: string;
  readonly request: CreditRequest;
}

/**
 * Correction of an issued invoice, which itself never changes (invariant 1). The credit is first
 * recorded on the original invoice's stream — its expected revision makes two concurrent credit
 * notes unable to credit more than is left — then numbered in the credit-note series and issued.
 */
export async function issueCreditNote(
  deps: NumberingDependencies & Pick<AppDependencies, 'clock'>,
  input: IssueCreditNoteInput,
): Promise<InvoiceDocument> {
  const { tenantId, invoiceId, creditNoteId } = input;
  const creditNoteStream = invoiceStream(tenantId, creditNoteId);
  const existing = await loadState(deps.eventStore, creditNoteStream, invoiceDecider);
  if (existing.state.status === 'issued') return existing.state.invoice;

  const now = deps.clock.now();
  let draft: Omit<InvoiceDocument, 'number'> | undefined;
  await handleCommand(
    deps.eventStore,
    invoiceStream(tenantId, invoiceId),
    invoiceDecider,
    (state) => {
      if (state.status !== 'issued' || state.invoice.type !== 'invoice') {
        throw new NotFoundError(`Invoice ${invoiceId} not found`);
      }
      // A retry after the credit was recorded computes against the credits before it.
      const earlier = state.credits.filter((c) => c.creditNoteId !== creditNoteId);
      const drafted = draftCreditNote({
        original: state.invoice,
        credited: creditedSoFar(state.invoice, earlier),
        request: input.request,
        creditNoteId,
        issuedAt: now,
      });
      if (!drafted.ok) throw new ValidationError('The credit note cannot be issued', drafted.errors);
      draft = drafted.draft;
      return { type: 'RecordCredit' as const, credit: drafted.credit, now };
    },
    { commandId: `credit-${creditNoteId}`, metadata: { tenantId } },
  );
  if (draft === undefined) throw new Error(`Credit note ${creditNoteId} was not drafted`);

  const seller = await getSellerSettings(deps, tenantId);
  if (seller === undefined) throw new ValidationError('Seller settings are not configured');
  const number = await assignDocumentNumber(deps, {
    tenantId,
    documentId: creditNoteId,
    kind: 'credit_note',
    issueDate: draft.issueDate,
    issuedAt: now,
    seller,
    document: draft,
  });
  const { state } = await handleCommand(
    deps.eventStore,
    creditNoteStream,
    invoiceDecider,
    { type: 'IssueInvoice', invoice: { ...draft, number }, now },
    { commandId: 'issue', metadata: { tenantId, orderId: draft.orderId, correctsInvoiceId: invoiceId } },
  );
  if (state.status !== 'issued') throw new Error(`Credit note ${creditNoteId} was not issued`);
  return state.invoice;
}
