import { ApplicationFailure } from '@temporalio/common';
import { validateEInvoice } from '../adapters/einvoice-validation/validate-einvoice.js';
import { renderPdfInvoice } from '../adapters/rendering/pdf-invoice.js';
import { renderUblInvoice } from '../adapters/rendering/ubl-invoice.js';
import { type AggregateStateCache, handleCommand, loadState } from '../application/command-handler.js';
import type { AppDependencies } from '../application/dependencies.js';
import { issueInvoice, previewInvoice } from '../application/issue-invoice.js';
import type { KeyedMutex } from '../application/keyed-mutex.js';
import { invoiceIdFor } from '../application/orders.js';
import { getSellerSettings } from '../application/tenants.js';
import { invoiceDecider } from '../domain/invoice/invoice.js';
import { journalLinesFor, receivableInEuro } from '../domain/invoice/journal.js';
import { orderDecider } from '../domain/order/order-decider.js';
import type { DocumentCheck } from '../domain/ports/document-check.js';
import type { DocumentStore } from '../domain/ports/document-store.js';
import type { Mailer } from '../domain/ports/mailer.js';
import {
  DependencyUnavailableError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../domain/shared/errors.js';
import { invoiceStream, orderStream } from '../domain/streams.js';
import { parseVatId } from '../domain/vat/vat-id/vat-id.js';
import type { VatIdVerification, VatIdVerifier } from '../domain/vat/vat-id/vat-id-verifier.js';
import { buyerVatIdMatters } from '../domain/vat/vat-id-relevance.js';
import { invoiceEmail } from './invoice-email.js';

export interface ActivityDependencies extends Omit<AppDependencies, 'db'> {
  readonly documents: DocumentStore;
  readonly mailer: Mailer;
  readonly vatIdVerifier: VatIdVerifier;
  /** Hot streams (invoice series, distance sales) are cached and serialised within this worker. */
  readonly streamCache: AggregateStateCache;
  readonly streamLock: KeyedMutex;
  /** The e-invoice rules, asked before a number is assigned. */
  readonly documentCheck: DocumentCheck;
}

interface InvoiceRef {
  readonly tenantId: string;
  readonly invoiceId: string;
}

/** Activities are thin: load, call the domain or an adapter, record the outcome as an event. */
export function createActivities(deps: ActivityDependencies) {
  const loadIssued = async ({ tenantId, invoiceId }: InvoiceRef) => {
    const { state } = await loadState(deps.eventStore, invoiceStream(tenantId, invoiceId), invoiceDecider);
    if (state.status !== 'issued') throw new NotFoundError(`Invoice ${invoiceId} not issued`);
    return state;
  };
  const record = (ref: InvoiceRef, commandId: string, command: Parameters<typeof invoiceDecider.decide>[0]) =>
    handleCommand(deps.eventStore, invoiceStream(ref.tenantId, ref.invoiceId), invoiceDecider, command, {
      commandId,
      metadata: { tenantId: ref.tenantId },
    });

  /**
   * UBL + hybrid PDF (the UBL attached), validated against the UBL XSD and the EN 16931 / Peppol /
   * NLCIUS rules before anything is stored: a document that fails is never sent, the invoice is
   * parked with the rule ids instead.
   */
  const renderDocuments = async (ref: InvoiceRef) => {
    const { invoice } = await loadIssued(ref);
    const seller = await getSellerSettings(deps, ref.tenantId);
    const plainUbl = renderUblInvoice(invoice);
    const pdf = await renderPdfInvoice(invoice, {
      ...(seller?.branding === undefined ? {} : { branding: seller.branding }),
      // A hybrid PDF: the UBL travels inside it, as Factur-X/ZUGFeRD carry their XML.
      attachments: [
        {
          filename: `${invoice.number}.xml`,
          content: Buffer.from(plainUbl),
          mimeType: 'application/xml',
          description: 'UBL 2.1 e-invoice',
          relationship: 'Alternative',
        },
      ],
    });
    const ubl = seller?.embedPdfInUbl === true ? renderUblInvoice(invoice, { embeddedPdf: pdf }) : plainUbl;
    const verdict = await validateEInvoice(ubl);
    if (!verdict.valid) {
      const findings = verdict.errors.map((e) => ({ field: e.ruleId, message: e.message }));
      const summary = verdict.errors.map((e) => `${e.ruleId} ${e.message}`).join('; ');
      throw new ValidationError(
        `The e-invoice fails validation (${verdict.rulesetVersion}): ${summary}`,
        findings,
      );
    }
    const [pdfRef, ublRef] = await Promise.all([
      deps.documents.put(pdf),
      deps.documents.put(Buffer.from(ubl)),
    ]);
    await record(ref, 'render', {
      type: 'RecordRenderedDocuments',
      pdf: pdfRef,
      ubl: { ...ublRef, customizationId: verdict.customizationId },
      now: deps.clock.now(),
    });
    return {
      pdfSha256: pdfRef.sha256,
      ublSha256: ublRef.sha256,
      warnings: verdict.warnings.map((w) => w.ruleId),
    };
  };

  return {
    /**
     * Checks the buyer's VAT ID (check digits, then VIES) when the VAT treatment depends on it and
     * records the result. VIES down: the order is held (with the reason) and Temporal retries.
     */
    async verifyBuyerVatId(input: { tenantId: string; orderId: string }) {
      const stream = orderStream(input.tenantId, input.orderId);
      const { state } = await loadState(deps.eventStore, stream, orderDecider);
      if (state.status === 'none') throw new NotFoundError(`Order ${input.orderId} not found`);
      if (state.status === 'held' && state.awaitsPerson === true)
        return { verified: false, awaitsPerson: true };
      const vatId = state.order.customer.vatId;
      const seller = await getSellerSettings(deps, input.tenantId);
      const sellerCountry = seller?.address.countryCode ?? 'NL';
      const alreadyVerified =
        vatId !== undefined && state.buyerVatId?.vatId === (parseVatId(vatId)?.normalized ?? vatId);
      if (vatId === undefined || alreadyVerified || !buyerVatIdMatters(state.order, sellerCountry)) {
        return { verified: state.buyerVatId?.valid ?? false };
      }
      // A person decided to invoice as to a consumer: VIES is not asked again for this order.
      if (state.vatIdDecision === 'charge_as_consumer') return { verified: false };
      let verification: VatIdVerification;
      try {
        verification = await deps.vatIdVerifier.verify(vatId);
      } catch (error) {
        if (!(error instanceof DependencyUnavailableError)) throw error;
        await handleCommand(
          deps.eventStore,
          stream,
          orderDecider,
          {
            type: 'HoldOrder',
            ...input,
            reason: `VAT ID ${vatId} cannot be verified yet (${error.message}); retrying automatically`,
            now: deps.clock.now(),
          },
          { commandId: `hold-${deps.clock.now().toISOString()}`, metadata: { tenantId: input.tenantId } },
        );
        throw error;
      }
      await handleCommand(
        deps.eventStore,
        stream,
        orderDecider,
        { type: 'RecordBuyerVatIdVerification', ...input, verification },
        { commandId: `verify-${vatId}`, metadata: { tenantId: input.tenantId } },
      );
      return { verified: verification.valid };
    },

    /** A channel in test mode: the invoice as it would be, with a CONCEPT PDF, and no number. */
    async draftInvoice(input: { tenantId: string; orderId: string; draftedAt: string }) {
      return asTemporalFailure(async () => {
        const invoiceId = invoiceIdFor(input.tenantId, input.orderId);
        const stream = invoiceStream(input.tenantId, invoiceId);
        const { state } = await loadState(deps.eventStore, stream, invoiceDecider);
        if (state.status !== 'none') return { invoiceId };
        const { invoice, seller } = await previewInvoice(deps, { ...input, issuedAt: input.draftedAt });
        const pdf = await renderPdfInvoice(invoice, {
          ...(seller?.branding === undefined ? {} : { branding: seller.branding }),
          watermark: 'CONCEPT',
        });
        const pdfRef = await deps.documents.put(pdf);
        await handleCommand(
          deps.eventStore,
          stream,
          invoiceDecider,
          { type: 'DraftInvoice', invoice, pdf: pdfRef, now: new Date(input.draftedAt) },
          { commandId: 'draft', metadata: { tenantId: input.tenantId, orderId: input.orderId } },
        );
        return { invoiceId };
      });
    },

    async issueInvoice(input: { tenantId: string; orderId: string; issuedAt: string }) {
      const invoice = await asTemporalFailure(() => issueInvoice(deps, input));
      return { invoiceId: invoice.invoiceId, number: invoice.number };
    },

    renderDocuments: (ref: InvoiceRef) => asTemporalFailure(() => renderDocuments(ref)),

    async deliverByEmail(ref: InvoiceRef) {
      const state = await loadIssued(ref);
      const recipient = state.invoice.buyer.email;
      if (state.sent || recipient === undefined) return { sent: state.sent };
      const documents = await renderedDocuments(deps, ref);
      const mail = invoiceEmail(state.invoice, recipient, documents);
      const { messageId } = await deps.mailer.send(mail);
      await record(ref, 'send-email', { type: 'RecordSent', recipient, messageId, now: deps.clock.now() });
      return { sent: true };
    },

    /** Sales journal entry; for an order paid at checkout also the payment (bank/PSP journal). */
    async bookInvoice(ref: InvoiceRef) {
      const { invoice } = await loadIssued(ref);
      await record(ref, 'book', {
        type: 'BookInvoice',
        lines: journalLinesFor(invoice),
        now: deps.clock.now(),
      });
      if (invoice.type === 'invoice' && invoice.payment.status === 'paid') {
        await record(ref, 'payment-checkout', {
          type: 'RecordPayment',
          paymentId: 'checkout',
          paidAt: invoice.payment.paidAt ?? `${invoice.issueDate}T00:00:00.000Z`,
          ...(invoice.payment.method === undefined ? {} : { method: invoice.payment.method }),
          amountEur: receivableInEuro(invoice),
          now: deps.clock.now(),
        });
      }
    },

    async flagNeedsAttention(input: {
      tenantId: string;
      orderId: string;
      invoiceId?: string;
      step: string;
      reason: string;
      errors: FieldError[];
    }) {
      const now = deps.clock.now();
      const reason = `${input.step}: ${input.reason}`;
      const stream = orderStream(input.tenantId, input.orderId);
      const { state: order } = await loadState(deps.eventStore, stream, orderDecider);
      // Each run after a person's release records its own outcome (not a duplicate of the first run's).
      const run = order.status === 'none' ? 0 : order.retries;
      const commandId = run === 0 ? `attention-${input.step}` : `attention-${input.step}-run-${run}`;
      await handleCommand(
        deps.eventStore,
        stream,
        orderDecider,
        {
          type: 'FlagOrderNeedsAttention',
          tenantId: input.tenantId,
          orderId: input.orderId,
          reason,
          errors: input.errors,
          now,
        },
        { commandId, metadata: { tenantId: input.tenantId } },
      );
      if (input.invoiceId !== undefined) {
        await record({ tenantId: input.tenantId, invoiceId: input.invoiceId }, commandId, {
          type: 'FlagNeedsAttention',
          step: input.step,
          reason: input.reason,
          now,
        });
      }
    },
  };
}

export type InvoicingActivities = ReturnType<typeof createActivities>;

async function renderedDocuments(deps: ActivityDependencies, ref: InvoiceRef) {
  const events = await deps.eventStore.readStream(invoiceStream(ref.tenantId, ref.invoiceId));
  const rendered = events.find((e) => e.type === 'InvoiceDocumentsRendered')?.data as
    | { pdf: { sha256: string }; ubl: { sha256: string } }
    | undefined;
  if (rendered === undefined)
    throw new NotFoundError(`Invoice ${ref.invoiceId} has no rendered documents yet`);
  const [pdf, ubl] = await Promise.all([
    deps.documents.get(rendered.pdf.sha256),
    deps.documents.get(rendered.ubl.sha256),
  ]);
  if (pdf === undefined || ubl === undefined)
    throw new Error(`Documents of invoice ${ref.invoiceId} are missing from storage`);
  return { pdf, ubl };
}

/** Domain refusals become non-retryable Temporal failures carrying the field errors. */
async function asTemporalFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw ApplicationFailure.create({
        type: 'ValidationError',
        message: error.message,
        details: [error.errors],
        nonRetryable: true,
      });
    }
    throw error;
  }
}
