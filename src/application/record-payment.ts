import { invoiceDecider } from '../domain/invoice/invoice.js';
import { NotFoundError } from '../domain/shared/errors.js';
import { invoiceStream } from '../domain/streams.js';
import { handleCommand } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';

export interface RecordPaymentInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  /** Stable per payment (the bank reference, or derived from the Idempotency-Key), so a retry books nothing twice. */
  readonly paymentId: string;
  readonly amountEur: string;
  readonly paidAt: string;
  readonly method?: string;
}

/** Money received for an invoice after checkout (bank transfer), or refunded for a credit note. */
export async function recordPayment(
  deps: Pick<AppDependencies, 'eventStore' | 'clock'>,
  input: RecordPaymentInput,
) {
  const { state } = await handleCommand(
    deps.eventStore,
    invoiceStream(input.tenantId, input.invoiceId),
    invoiceDecider,
    (current) => {
      if (current.status !== 'issued') throw new NotFoundError(`Invoice ${input.invoiceId} not found`);
      return {
        type: 'RecordPayment' as const,
        paymentId: input.paymentId,
        paidAt: input.paidAt,
        amountEur: input.amountEur,
        ...(input.method === undefined ? {} : { method: input.method }),
        now: deps.clock.now(),
      };
    },
    { commandId: `payment-${input.paymentId}`, metadata: { tenantId: input.tenantId } },
  );
  if (state.status !== 'issued') throw new NotFoundError(`Invoice ${input.invoiceId} not found`);
  return { paymentId: input.paymentId, paidEur: state.paidEur };
}
