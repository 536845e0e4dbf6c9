import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { InvoicingActivities } from './activities.js';

export const INVOICING_TASK_QUEUE = 'invoicing';
export const invoiceWorkflowId = (tenantId: string, orderId: string) => `invoice-${tenantId}-${orderId}`;
export const creditNoteWorkflowId = (tenantId: string, creditNoteId: string) =>
  `creditnote-${tenantId}-${creditNoteId}`;

export interface InvoiceOrderInput {
  readonly tenantId: string;
  readonly orderId: string;
}

export interface InvoiceOrderResult {
  readonly status: 'booked' | 'needs_attention';
  readonly invoiceId?: string;
  readonly number?: string;
  readonly reason?: string;
}

const NON_RETRYABLE = ['ValidationError', 'NotFoundError'];

// Issuing and booking only touch our own stores: retry until they succeed (a lost number would be a gap).
const { issueInvoice, draftInvoice, bookInvoice, flagNeedsAttention } = proxyActivities<InvoicingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '200 ms',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

// VIES may be down for hours; the order waits as "held" and is retried, never guessed.
const { verifyBuyerVatId } = proxyActivities<InvoicingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

const { renderDocuments } = proxyActivities<InvoicingActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

// The customer's mail server may be down for a while; after that a person should look.
const { deliverByEmail } = proxyActivities<InvoicingActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 8,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** A person released the order (retry, VAT ID decision): run again with what the order says now. */
export const releaseSignal = defineSignal('release');

/**
 * One order → one invoice: verify the buyer's VAT ID → issue (number assigned) → render PDF + UBL →
 * e-mail → book. Orchestration only; every effect happens in an idempotent activity. A step that
 * fails for good parks the order as needs_attention and the workflow waits for a person's release;
 * a release also cuts short the wait of an order held for VIES.
 */
export async function invoiceOrder(input: InvoiceOrderInput): Promise<InvoiceOrderResult> {
  let releases = 0;
  setHandler(releaseSignal, () => {
    releases += 1;
  });
  for (;;) {
    const seen = releases;
    const released = () => releases > seen;
    const outcome = await invoiceOnce(input, released);
    if (outcome === 'released') continue;
    if (outcome.status === 'booked') return outcome;
    await condition(released);
  }
}

async function invoiceOnce(
  input: InvoiceOrderInput,
  released: () => boolean,
): Promise<InvoiceOrderResult | 'released'> {
  let invoice: { invoiceId: string; number: string };
  try {
    const verification = await verifyUnlessReleased(input, released);
    if (verification === 'released') return 'released';
    // Held for a person (a channel in test mode): a draft to look at, nothing issued until the release.
    if (verification.awaitsPerson === true) {
      await draftInvoice({ ...input, draftedAt: new Date().toISOString() });
      await condition(released);
      return 'released';
    }
    // Taken after a possibly long hold; workflow time is replay-safe, so every retry of the issue
    // step sees the same invoice date.
    const issuedAt = new Date().toISOString();
    invoice = await issueInvoice({ ...input, issuedAt });
  } catch (error) {
    const reason = failureReason(error);
    await flagNeedsAttention({ ...input, step: 'issue', reason, errors: failureDetails(error) });
    return { status: 'needs_attention', reason };
  }
  return {
    ...(await documentsDeliveryAndBooking(input.tenantId, input.orderId, invoice.invoiceId)),
    ...invoice,
  };
}

/** VIES may be down for hours: the check retries on its own until a person releases the order. */
async function verifyUnlessReleased(input: InvoiceOrderInput, released: () => boolean) {
  const scope = new CancellationScope();
  const verification = scope.run(() => verifyBuyerVatId(input));
  const outcome = await Promise.race([verification, condition(released).then(() => 'released' as const)]);
  if (outcome !== 'released') return outcome;
  scope.cancel();
  await verification.catch(() => undefined);
  return outcome;
}

/** An issued credit note (numbered by the API) gets the same documents, delivery and booking. */
export async function processCreditNote(input: {
  tenantId: string;
  orderId: string;
  creditNoteId: string;
}): Promise<InvoiceOrderResult> {
  const outcome = await documentsDeliveryAndBooking(input.tenantId, input.orderId, input.creditNoteId);
  return { ...outcome, invoiceId: input.creditNoteId };
}

/** Booking does not wait for the customer's mail server: a failed delivery is flagged after booking. */
async function documentsDeliveryAndBooking(
  tenantId: string,
  orderId: string,
  invoiceId: string,
): Promise<Pick<InvoiceOrderResult, 'status' | 'reason'>> {
  const ref = { tenantId, invoiceId };
  const flag = (step: string, reason: string) =>
    flagNeedsAttention({ ...ref, orderId, step, reason, errors: [] });
  try {
    await renderDocuments(ref);
  } catch (error) {
    const reason = failureReason(error);
    await flag('render', reason);
    return { status: 'needs_attention', reason };
  }
  let deliveryFailure: string | undefined;
  try {
    await deliverByEmail(ref);
  } catch (error) {
    deliveryFailure = failureReason(error);
  }
  await bookInvoice(ref);
  if (deliveryFailure === undefined) return { status: 'booked' };
  await flag('deliver', deliveryFailure);
  return { status: 'needs_attention', reason: deliveryFailure };
}

function failureReason(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof Error) return cause.message;
  return String(error);
}

function failureDetails(error: unknown): { field: string; message: string }[] {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === 'ValidationError') {
    return (cause.details?.[0] as { field: string; message: string }[] | undefined) ?? [];
  }
  return [];
}
