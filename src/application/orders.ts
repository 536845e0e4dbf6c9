import type { Order } from '../domain/order/order.js';
import { type OrderCommand, orderDecider } from '../domain/order/order-decider.js';
import { ConcurrencyError, ConflictError } from '../domain/shared/errors.js';
import { deterministicId } from '../domain/shared/ids.js';
import { orderStream } from '../domain/streams.js';
import { handleCommand, loadState } from './command-handler.js';
import type { AppDependencies } from './dependencies.js';

/** The order id is derived from (tenant, channel, externalId): a duplicate delivery lands on the same stream. */
export const orderIdFor = (tenantId: string, channel: string, externalId: string) =>
  deterministicId('order', tenantId, channel, externalId);

export const invoiceIdFor = (tenantId: string, orderId: string) =>
  deterministicId('invoice', tenantId, orderId);

export interface ReceivedOrder {
  readonly orderId: string;
  /** false when the same (channel, externalId) had been received before. */
  readonly created: boolean;
  /** Global position of the OrderReceived event when this call appended it. */
  readonly position: bigint | undefined;
}

export async function receiveOrder(
  deps: AppDependencies,
  tenantId: string,
  order: Order,
  onChangedContent: 'refuse' | 'keep' = 'refuse',
  holdForPerson?: string,
): Promise<ReceivedOrder> {
  // A channel connection's orders are keyed on the connection: two shops may reuse order numbers.
  const orderId = orderIdFor(tenantId, order.channelId ?? order.channel, order.externalId);
  const { newEvents, position } = await handleCommand(
    deps.eventStore,
    orderStream(tenantId, orderId),
    orderDecider,
    {
      type: 'ReceiveOrder',
      tenantId,
      orderId,
      order,
      onChangedContent,
      ...(holdForPerson === undefined ? {} : { holdForPerson }),
      now: deps.clock.now(),
    },
    { commandId: 'receive', metadata: { tenantId } },
  );
  return { orderId, created: newEvents.length > 0, position };
}

/**
 * A person releases a held or parked order: it runs again with today's settings (409 for any
 * other status, the decider's rule).
 */
export async function retryOrder(
  deps: AppDependencies,
  tenantId: string,
  orderId: string,
  requestedBy: string,
): Promise<void> {
  await decideOnOrder(deps, tenantId, orderId, {
    type: 'RequestOrderRetry',
    tenantId,
    orderId,
    requestedBy,
    now: deps.clock.now(),
  });
}

/** A person's decision on a buyer VAT ID that cannot be verified; the order then runs again. */
export async function decideVatId(
  deps: AppDependencies,
  tenantId: string,
  orderId: string,
  decision: 'charge_as_consumer',
  decidedBy: string,
): Promise<void> {
  await decideOnOrder(deps, tenantId, orderId, {
    type: 'DecideVatId',
    tenantId,
    orderId,
    decision,
    decidedBy,
    now: deps.clock.now(),
  });
}

/** Commands of a person: each release gets its own event ids (a second release is not a duplicate). */
async function decideOnOrder(
  deps: AppDependencies,
  tenantId: string,
  orderId: string,
  command: OrderCommand,
) {
  const stream = orderStream(tenantId, orderId);
  const { state } = await loadState(deps.eventStore, stream, orderDecider);
  const releases = state.status === 'none' ? 0 : state.retries;
  await handleCommand(deps.eventStore, stream, orderDecider, command, {
    commandId: `release-${releases + 1}`,
    metadata: { tenantId },
    maxAttempts: 1,
  });
}

/**
 * After the seller settings changed, every order of the tenant parked at the issue step runs again
 * by itself (missing or wrong settings are the usual cause); one that still cannot be invoiced is
 * simply parked again. Answers how many were released.
 */
export async function releaseOrdersParkedAtIssue(
  deps: AppDependencies,
  tenantId: string,
  releasedBy: string,
): Promise<number> {
  const parked = await deps.db
    .selectFrom('orders')
    .select('order_id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'needs_attention')
    .where('invoice_id', 'is', null)
    .execute();
  let released = 0;
  for (const { order_id: orderId } of parked) {
    try {
      await retryOrder(deps, tenantId, orderId, releasedBy);
      released += 1;
    } catch (error) {
      // Released meanwhile (by a person, or still running): nothing to do for this one.
      if (!(error instanceof ConflictError) && !(error instanceof ConcurrencyError)) throw error;
    }
  }
  return released;
}
