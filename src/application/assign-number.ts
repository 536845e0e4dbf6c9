import { invoiceSeriesDecider } from '../domain/series/invoice-series.js';
import type { DocumentKind } from '../domain/series/numbering.js';
import { seriesFor } from '../domain/series/numbering.js';
import { invoiceSeriesStream } from '../domain/streams.js';
import type { SellerSettings } from '../domain/tenant/seller-settings.js';
import { type AggregateStateCache, handleCommand } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';
import type { KeyedMutex } from './keyed-mutex.js';

export interface NumberingDependencies extends Pick<AppDependencies, 'eventStore'> {
  readonly streamCache: AggregateStateCache;
  readonly streamLock: KeyedMutex;
}

/**
 * The next number of the tenant's invoice or credit-note series (gapless, late: only for a
 * document that has passed validation). Assigning again for the same document returns its number.
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
  },
): Promise<string> {
  const { seriesKey, prefix } = seriesFor(input.kind, input.issueDate, input.seller.numbering);
  const stream = invoiceSeriesStream(input.tenantId, seriesKey);
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
