import type { OrderInput } from '../order/order.js';

/**
 * A sales channel (webshop or marketplace) as the invoicing side sees it: orders changed in a time
 * range, page by page, each already mapped to the canonical order. One adapter per platform
 * (src/adapters/channels/<platform>); each takes its base URL (with the API path prefix) from the
 * connection, so a local server can stand in for the platform in tests.
 */
export interface ChannelOrder {
  /** The platform's own order id, as a string (Shopify: the GID; its numeric ids exceed 2^53). */
  readonly externalId: string;
  /** When the platform last changed the order (ISO 8601, UTC); the poll cursor advances over these. */
  readonly updatedAt: string;
  /**
   * The canonical order without `channel` (the connection sets it), or undefined while there is
   * nothing to invoice yet (e.g. awaiting payment) — it is looked at again when it changes.
   */
  readonly order: Omit<OrderInput, 'channel'> | undefined;
  /** Refunds the platform recorded; each becomes a credit note of the order's invoice. */
  readonly refunds: readonly ChannelRefund[];
  /** Cancelled on the platform (before or after payment). */
  readonly cancelled: boolean;
  /**
   * Why the order cannot be invoiced as the platform has it (field errors), when the mapping could
   * not understand it: reported by the sync, never guessed, and the rest of the page goes on.
   */
  readonly refusal?: readonly { readonly field: string; readonly message: string }[];
}

export interface ChannelRefund {
  /** The platform's refund id, as a string: the credit note's identity. */
  readonly refundId: string;
  readonly createdAt: string;
  /** Gross amount refunded, in the order currency, as a decimal string ("12.50"). */
  readonly amount: string;
  readonly reason?: string;
}

export interface ChannelPage {
  readonly orders: readonly ChannelOrder[];
  /** Opaque token of the next page; undefined on the last page. */
  readonly next?: string;
}

export interface ChangedRange {
  /** Orders changed at or after this instant (ISO 8601). */
  readonly changedFrom: string;
  /** …and before this one, when backfilling a range; open-ended otherwise. */
  readonly changedTo?: string;
}

export interface ChannelClient {
  /**
   * One page of orders changed in the range, oldest change first where the platform allows.
   * Throws DependencyUnavailableError for outages (5xx, timeouts), RateLimitedError for 429
   * (with the wait the platform asked for), CredentialsRejectedError for 401/403.
   */
  listOrders(range: ChangedRange, page?: string): Promise<ChannelPage>;
  /** One order by its platform id, for a webhook that only names it; undefined when it does not exist. */
  getOrder?(externalId: string): Promise<ChannelOrder | undefined>;
}

export type WebhookMessage =
  | { readonly kind: 'order'; readonly order: ChannelOrder; readonly eventId?: string }
  | { readonly kind: 'ping' }
  | { readonly kind: 'ignored'; readonly reason: string };

export interface ChannelWebhooks {
  /** The platform's signature over the raw body bytes, compared in constant time. */
  verify(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>, secret: string): boolean;
  /** What a verified webhook says. Throws ValidationError for a body that is not what the topic promises. */
  parse(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): WebhookMessage;
  /**
   * For a webhook that names an order without carrying all of it (Shopify `refunds/create`, B2B
   * orders without their tax registration): the order id to read through the API instead.
   */
  orderToReread?(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): string | undefined;
}
