/**
 * ChannelClient for Shopify over the Admin GraphQL API (2025-10; the version is part of `baseUrl`).
 *
 * `listOrders` asks for the orders changed in the range, oldest change first:
 * `orders(first, after: cursor, sortKey: UPDATED_AT, query: "updated_at:>='…' AND updated_at:<'…'")`; the
 * page token is Shopify's `endCursor`. Bounds are whole seconds in UTC (search syntax dates are quoted),
 * from inclusive and to exclusive, so consecutive windows neither overlap nor leave a gap.
 *
 * `getOrder(gid)` reads one order (`order(id:)`): a `refunds/create` or B2B webhook names an order to
 * re-read (shopify-webhooks.ts). Undefined when Shopify has no such order for this app (deleted, or older
 * than 60 days without the `read_all_orders` scope).
 *
 * Access scopes: `read_orders` (plus `read_all_orders` to backfill beyond 60 days), and `read_customers` or
 * `read_companies` for a B2B company location's tax registration.
 */
import type {
  ChangedRange,
  ChannelClient,
  ChannelOrder,
  ChannelPage,
} from '../../../domain/ports/channel-client.js';
import { DependencyUnavailableError, ValidationError } from '../../../domain/shared/errors.js';
import {
  type GraphqlLineItem,
  type GraphqlOrder,
  mapGraphqlOrder,
  ORDER_LINE_ITEMS_QUERY,
  ORDER_QUERY,
  ORDERS_QUERY,
  orderLineItemsSchema,
  orderResultSchema,
  ordersPageSchema,
} from './shopify-graphql-order.js';
import { createGraphqlTransport, type ShopifyGraphqlOptions } from './shopify-graphql-transport.js';

export interface ShopifyClientOptions extends ShopifyGraphqlOptions {
  /**
   * Orders per page. Shopify refuses a query whose requested cost exceeds 1,000 points; one order with its
   * nested lines, shipping lines and refunds is estimated at about 180, hence 5.
   */
  readonly pageSize?: number;
}

export interface ShopifyClient extends ChannelClient {
  getOrder(externalId: string): Promise<ChannelOrder | undefined>;
}

const DEFAULT_PAGE_SIZE = 5;
const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

/** An instant as a quoted-search-syntax date: whole seconds, UTC. */
const searchInstant = (instant: string, field: string): string => {
  const time = new Date(instant).getTime();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(time)) {
    throw new ValidationError(`${field} must be an ISO 8601 instant`, [
      { field, message: `got "${instant}"` },
    ]);
  }
  return new Date(Math.floor(time / 1_000) * 1_000).toISOString().replace('.000Z', 'Z');
};

export const changedRangeQuery = ({ changedFrom, changedTo }: ChangedRange): string => {
  const from = `updated_at:>='${searchInstant(changedFrom, 'changedFrom')}'`;
  return changedTo === undefined
    ? from
    : `${from} AND updated_at:<'${searchInstant(changedTo, 'changedTo')}'`;
};

export const createShopifyClient = (options: ShopifyClientOptions): ShopifyClient => {
  const request = createGraphqlTransport(options);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  const allLineItems = async (order: GraphqlOrder): Promise<GraphqlLineItem[]> => {
    const lines = [...order.lineItems.nodes];
    let { hasNextPage, endCursor } = order.lineItems.pageInfo;
    while (hasNextPage) {
      const { order: more } = await request(
        ORDER_LINE_ITEMS_QUERY,
        { id: order.id, cursor: endCursor ?? null },
        orderLineItemsSchema,
      );
      if (more === null)
        throw new DependencyUnavailableError(`Shopify lost order ${order.id} while paging its lines`);
      lines.push(...more.lineItems.nodes);
      ({ hasNextPage, endCursor } = more.lineItems.pageInfo);
    }
    return lines;
  };

  const channelOrder = async (node: GraphqlOrder): Promise<ChannelOrder> =>
    mapGraphqlOrder(node, await allLineItems(node));

  return {
    async listOrders(range: ChangedRange, page?: string): Promise<ChannelPage> {
      const { orders } = await request(
        ORDERS_QUERY,
        { first: pageSize, cursor: page ?? null, query: changedRangeQuery(range) },
        ordersPageSchema,
      );
      const mapped: ChannelOrder[] = [];
      for (const node of orders.nodes) mapped.push(await channelOrder(node));
      const { hasNextPage, endCursor } = orders.pageInfo;
      return { orders: mapped, ...(hasNextPage && endCursor && { next: endCursor }) };
    },

    async getOrder(externalId: string): Promise<ChannelOrder | undefined> {
      if (!ORDER_GID.test(externalId)) {
        throw new ValidationError('not a Shopify order GID', [{ field: 'externalId', message: externalId }]);
      }
      const { order } = await request(ORDER_QUERY, { id: externalId }, orderResultSchema);
      return order === null ? undefined : channelOrder(order);
    },
  };
};
