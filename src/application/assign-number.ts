import type { InvoiceDocument } from '../domain/invoice/invoice-document.js';
import type { DocumentCheck } from '../domain/ports/document-check.js';
import { invoiceSeriesDecider } from '../domain/series/invoice-series.js';
import type { DocumentKind } from '../domain/series/numbering.js';
import { seriesFor } from '../domain/series/numbering.js';
import { ValidationError } from '../domain/shared/errors.js';
import { invoiceSeriesStream } from '../domain/streams.js';
import type { SellerSettings } from '../domain/tenant/seller-settings.js';
import { type AggregateStateCache, handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';
import type { KeyedMutex } from './keyed-mutex.js';

export interface NumberingDependencies extends Pick<AppDependencies, 'eventStore'> {
  readonly streamCache: AggregateStateCache;
  readonly streamLock: KeyedMutex;
  readonly documentCheck: DocumentCheck;
}

/** Stands in for the number while the document is checked; the check never depends on its value. */
const PROVISIONAL_NUMBER = 'PROVISIONAL';

/**
 * The next number of the tenant's invoice or credit-note series (gapless, late: only for a
 * document that has passed every check, the e-invoice rules included). Assigning again for the
 * same document returns its number without checking again: a number once taken is never refused.
 */
export async function assignDocumentNumber(
  deps: NumberingDependencies,
  input: {
    tenantId: string;
    documentId: string;
    kind: DocumentKind;
    issueDate: string;
    issuedAt: Date;
    seller: SellerSettings;
    /** The document as it will be issued, but for its number. */
    document: Omit<InvoiceDocument, 'number'>;
  },
): Promise<string> {
  const { seriesKey, prefix } = seriesFor(input.kind, input.issueDate, input.seller.numbering);
  const stream = invoiceSeriesStream(input.tenantId, seriesKey);
  const assigned = await loadState(deps.eventStore, stream, invoiceSeriesDecider, deps.streamCache);
  const already = assigned.state.numberByInvoice.get(input.documentId);
  if (already !== undefined) return already;
  const findings = await deps.documentCheck.check({ ...input.document, number: PROVISIONAL_NUMBER });
  if (findings.length > 0) {
    const summary = findings.map((f) => `${f.field} ${f.message}`).join('; ');
    throw new ValidationError(
      `The ${input.kind.replace('_', ' ')} would fail the e-invoice rules: ${summary}`,
      findings,
    );
  }
  const { state } = await deps.streamLock.run(stream, () =>
    handleCommand(
      deps.eventStore,
      stream,
      invoiceSeriesDecider,
      {
        type: 'AssignInvoiceNumber',
        tenantId: input.tenantId,
        seriesKey,
        prefix,
        digits: input.seller.numbering.digits,
        invoiceId: input.documentId,
        now: input.issuedAt,
      },
      {
        commandId: `assign-${input.documentId}`,
        metadata: { tenantId: input.tenantId },
        cache: deps.streamCache,
      },
    ),
  );
  return state.numberByInvoice.get(input.documentId)!;
}
