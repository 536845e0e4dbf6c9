import { invoiceDecider } from '../domain/invoice/invoice.js';
import { draftInvoice } from '../domain/invoice/invoice-calculation.js';
import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import { orderDecider } from '../domain/order/order-decider.js';
import { defaultInvoiceSeries, invoiceSeriesDecider } from '../domain/series/invoice-series.js';
import { toAmsterdamDate } from '../domain/shared/dates.js';
import { NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { invoiceSeriesStream, invoiceStream, orderStream } from '../domain/streams.js';
import { type AggregateStateCache, handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';
import type { KeyedMutex } from './keyed-mutex.js';
import { invoiceIdFor } from './orders.js';
import { getSellerSettings } from './tenants.js';

export interface IssueInvoiceInput {
  readonly tenantId: string;
  readonly orderId: string;
  /** Fixed by the workflow, so every retry computes the same invoice date and series. */
  readonly issuedAt: string;
}

/**
 * Validate → assign the next number of the series → append InvoiceIssued. The draft is checked
 * before a number is taken, so a refused order never consumes one (invariant 2); a retry finds
 * the number already assigned to this invoice and re-uses it.
 */
export async function issueInvoice(
  deps: Pick<AppDependencies, 'eventStore'> & { seriesCache: AggregateStateCache; seriesLock: KeyedMutex },
  input: IssueInvoiceInput,
): Promise<InvoiceDocument> {
  const { tenantId, orderId } = input;
  const invoiceId = invoiceIdFor(tenantId, orderId);
  const stream = invoiceStream(tenantId, invoiceId);
  const existing = await loadState(deps.eventStore, stream, invoiceDecider);
  if (existing.state.status === 'issued') return existing.state.invoice;

  const { state: order } = await loadState(deps.eventStore, orderStream(tenantId, orderId), orderDecider);
  if (order.status === 'none') throw new NotFoundError(`Order ${orderId} not found`);
  const seller = await getSellerSettings(deps, tenantId);
  const issuedAt = new Date(input.issuedAt);
  const drafted = draftInvoice({ tenantId, invoiceId, orderId, order: order.order, seller, issuedAt });
  if (!drafted.ok) throw new ValidationError('The order cannot be invoiced', drafted.errors);

  const { seriesKey, prefix } = defaultInvoiceSeries(toAmsterdamDate(issuedAt));
  const seriesStream = invoiceSeriesStream(tenantId, seriesKey);
  const { state: series } = await deps.seriesLock.run(seriesStream, () =>
    handleCommand(
      deps.eventStore,
      seriesStream,
      invoiceSeriesDecider,
      { type: 'AssignInvoiceNumber', tenantId, seriesKey, prefix, invoiceId, now: issuedAt },
      { commandId: `assign-${invoiceId}`, metadata: { tenantId }, cache: deps.seriesCache },
    ),
  );
  const number = series.numberByInvoice.get(invoiceId)!;

  const { state } = await handleCommand(
    deps.eventStore,
    stream,
    invoiceDecider,
    { type: 'IssueInvoice', invoice: { ...drafted.draft, number }, now: issuedAt },
    { commandId: 'issue', metadata: { tenantId, orderId } },
  );
  if (state.status !== 'issued') throw new Error(`Invoice ${invoiceId} was not issued`);
  return state.invoice;
}
