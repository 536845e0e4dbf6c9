import { invoiceDecider } from '../domain/invoice/invoice.js';
import { draftInvoice, type InvoiceDraft } from '../domain/invoice/invoice-calculation.js';
import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import { vatClassOf } from '../domain/invoice/vat-class.js';
import type { Order } from '../domain/order/order.js';
import { orderDecider } from '../domain/order/order-decider.js';
import { NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { decimal, formatAmount } from '../domain/shared/money.js';
import { distanceSalesStream, invoiceStream, orderStream } from '../domain/streams.js';
import type { SellerSettings } from '../domain/tenant/seller-settings.js';
import { crossesThreshold, distanceSalesDecider, passedThreshold } from '../domain/vat/distance-sales.js';
import { isEuDistanceSale } from '../domain/vat/vat-decision.js';
import { vatIdCountry } from '../domain/vat/vat-id/vat-id.js';
import type { VatIdVerification } from '../domain/vat/vat-id/vat-id-verifier.js';
import { assignDocumentNumber, type NumberingDependencies } from './assign-number.js';
import { handleCommand, loadState } from './command-handler.js';
import { invoiceIdFor } from './orders.js';
import { getSellerSettings } from './tenants.js';

export interface IssueInvoiceInput {
  readonly tenantId: string;
  readonly orderId: string;
  /** Fixed by the workflow, so every retry computes the same invoice date and series. */
  readonly issuedAt: string;
}

type IssueDependencies = NumberingDependencies;

/**
 * Validate → (EU distance sale: count it towards the threshold) → assign the next number of the
 * series → append InvoiceIssued. The draft is checked before a number is taken, so a refused order
 * never consumes one (invariant 2); a retry finds the number already assigned to this invoice.
 */
export async function issueInvoice(
  deps: IssueDependencies,
  input: IssueInvoiceInput,
): Promise<InvoiceDocument> {
  const { tenantId, orderId } = input;
  const invoiceId = invoiceIdFor(tenantId, orderId);
  const stream = invoiceStream(tenantId, invoiceId);
  const existing = await loadState(deps.eventStore, stream, invoiceDecider);
  if (existing.state.status === 'issued') return existing.state.invoice;

  const { order, seller, issuedAt, draftFor, settingsSayDestination } = await invoiceInputs(deps, input);
  let draft = draftFor(settingsSayDestination);
  if (isDistanceSale(order.order, seller, order.buyerVatId)) {
    draft = await countDistanceSale(deps, draft, settingsSayDestination, draftFor);
  }

  const number = await assignDocumentNumber(deps, {
    tenantId,
    documentId: invoiceId,
    kind: 'invoice',
    issueDate: draft.issueDate,
    issuedAt,
    seller: seller!,
    document: draft,
  });

  const { state } = await handleCommand(
    deps.eventStore,
    stream,
    invoiceDecider,
    { type: 'IssueInvoice', invoice: { ...draft, number }, now: issuedAt },
    { commandId: 'issue', metadata: { tenantId, orderId } },
  );
  if (state.status !== 'issued') throw new Error(`Invoice ${invoiceId} was not issued`);
  return state.invoice;
}

/** The order, today's settings and how to draft the invoice from them: shared by issue and preview. */
async function invoiceInputs(deps: Pick<IssueDependencies, 'eventStore'>, input: IssueInvoiceInput) {
  const { tenantId, orderId } = input;
  const invoiceId = invoiceIdFor(tenantId, orderId);
  const { state: order } = await loadState(deps.eventStore, orderStream(tenantId, orderId), orderDecider);
  if (order.status === 'none') throw new NotFoundError(`Order ${orderId} not found`);
  const seller = await getSellerSettings(deps, tenantId);
  const issuedAt = new Date(input.issuedAt);
  const draftFor = (destinationTaxation: boolean) => {
    const drafted = draftInvoice({
      tenantId,
      invoiceId,
      orderId,
      order: order.order,
      seller,
      issuedAt,
      destinationTaxation,
      ...(order.buyerVatId === undefined ? {} : { buyerVatId: order.buyerVatId }),
    });
    if (!drafted.ok) throw new ValidationError('The order cannot be invoiced', drafted.errors);
    return drafted.draft;
  };
  const settingsSayDestination = seller !== undefined && (seller.ossThresholdExceeded || seller.ossOptedIn);
  return { order, seller, issuedAt, draftFor, settingsSayDestination };
}

/**
 * What the invoice would be if it were issued now, without a number (a CONCEPT label instead) and
 * without counting an EU distance sale towards the threshold: the draft of a channel in test mode.
 */
export async function previewInvoice(
  deps: Pick<IssueDependencies, 'eventStore'>,
  input: IssueInvoiceInput,
): Promise<{ invoice: InvoiceDocument; seller: SellerSettings | undefined }> {
  const { seller, draftFor, settingsSayDestination } = await invoiceInputs(deps, input);
  const draft = draftFor(settingsSayDestination);
  return { invoice: { ...draft, number: `CONCEPT-${draft.invoiceId.slice(0, 8)}` }, seller };
}

function isDistanceSale(
  order: Order,
  seller: SellerSettings | undefined,
  buyerVatId: VatIdVerification | undefined,
) {
  if (seller === undefined) return false;
  const verifiedCountry = buyerVatId?.valid === true ? vatIdCountry(buyerVatId.vatId) : undefined;
  const situation = {
    sellerCountry: seller.address.countryCode,
    shipToCountry: (order.shipTo ?? order.customer.address).countryCode,
    verifiedBuyerVatCountry: verifiedCountry,
  };
  return order.lines.some((line) =>
    isEuDistanceSale(situation, { vatClass: vatClassOf(line), supplyType: line.supplyType }),
  );
}

/**
 * Adds this sale to the calendar year's EU distance sales. When this or last year's total has
 * passed EUR 10,000, or this sale crosses it, the sale is taxed in the destination state. The
 * decision and the record happen on one optimistic-concurrency attempt, so two sales can never
 * both be decided against the same running total.
 */
async function countDistanceSale(
  deps: IssueDependencies,
  draft: InvoiceDraft,
  destinationAlready: boolean,
  draftFor: (destinationTaxation: boolean) => InvoiceDraft,
): Promise<InvoiceDraft> {
  const year = draft.supplyDate.slice(0, 4);
  const { tenantId, invoiceId } = draft;
  const previous = await loadState(
    deps.eventStore,
    distanceSalesStream(tenantId, String(Number(year) - 1)),
    distanceSalesDecider,
    deps.streamCache,
  );
  const stream = distanceSalesStream(tenantId, year);
  let decided = draft;
  await deps.streamLock.run(stream, () =>
    handleCommand(
      deps.eventStore,
      stream,
      distanceSalesDecider,
      (state) => {
        const netEur = inEur(draft.totals.net, draft);
        const destination =
          destinationAlready ||
          passedThreshold(previous.state.totalEur) ||
          crossesThreshold(state.totalEur, netEur);
        decided = destination === destinationAlready ? draft : draftFor(destination);
        return {
          type: 'RecordDistanceSale',
          tenantId,
          year,
          invoiceId,
          netEur: inEur(decided.totals.net, decided),
          supplyDate: decided.supplyDate,
        };
      },
      { commandId: `distance-sale-${invoiceId}`, metadata: { tenantId }, cache: deps.streamCache },
    ),
  );
  return decided;
}

const inEur = (amount: string, draft: InvoiceDraft) =>
  draft.taxCurrency === undefined
    ? amount
    : formatAmount(decimal(amount).div(draft.taxCurrency.exchangeRate.rate));
