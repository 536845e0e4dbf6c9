import type { Order } from '../domain/order/order.js';
import { orderDecider } from '../domain/order/order-decider.js';
import { deterministicId } from '../domain/shared/ids.js';
import { orderStream } from '../domain/streams.js';
import { handleCommand } from './command-handler.js';
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
): Promise<ReceivedOrder> {
  const orderId = orderIdFor(tenantId, order.channel, order.externalId);
  const { newEvents, position } = await handleCommand(
    deps.eventStore,
    orderStream(tenantId, orderId),
    orderDecider,
    { type: 'ReceiveOrder', tenantId, orderId, order, now: deps.clock.now() },
    { commandId: 'receive', metadata: { tenantId } },
  );
  return { orderId, created: newEvents.length > 0, position };
}
