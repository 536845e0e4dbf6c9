/**
 * The Admin GraphQL API's view of an order (API 2025-10): the fields we select, the shape we accept back,
 * and their translation into ShopifyOrderFacts. Field names were checked against shopify.dev's 2025-10
 * reference (Order, LineItem, DiscountAllocation, TaxLine, ShippingLine, Refund, MoneyBag, MailingAddress,
 * PurchasingCompany, CompanyLocationTaxSettings).
 *
 * Query cost: Shopify prices a query by what it could return (connections count `first` times their
 * nodes) and refuses one above 1,000 points, so a page holds few orders and each carries at most
 * LINE_ITEMS_PER_ORDER lines; an order with more is completed by ORDER_LINE_ITEMS_QUERY.
 */
import { z } from 'zod';
import type { ChannelOrder } from '../../../domain/ports/channel-client.js';
import { type ShopifyAddress, type ShopifyOrderFacts, toChannelOrder } from './shopify-order.js';

export const LINE_ITEMS_PER_ORDER = 20;
const SHIPPING_LINES_PER_ORDER = 5;
const LINE_ITEMS_PER_FOLLOW_UP = 100;

const LINE_ITEM_FIELDS = `
  name
  sku
  quantity
  requiresShipping
  originalUnitPriceSet { presentmentMoney { amount } }
  discountAllocations { allocatedAmountSet { presentmentMoney { amount } } }
  taxLines { rate ratePercentage }`;

const ADDRESS_FIELDS = 'name company address1 address2 zip city countryCodeV2';

const ORDER_FIELDS = `
  id
  updatedAt
  createdAt
  processedAt
  cancelledAt
  currencyCode
  presentmentCurrencyCode
  taxesIncluded
  displayFinancialStatus
  email
  customerLocale
  poNumber
  paymentGatewayNames
  billingAddress { ${ADDRESS_FIELDS} }
  shippingAddress { ${ADDRESS_FIELDS} }
  purchasingEntity {
    ... on PurchasingCompany {
      company { name }
      location { taxSettings { taxRegistrationId } }
    }
  }
  totalPriceSet { shopMoney { amount } presentmentMoney { amount } }
  shippingLines(first: ${SHIPPING_LINES_PER_ORDER}) {
    nodes { title discountedPriceSet { presentmentMoney { amount } } }
  }
  refunds { id createdAt note totalRefundedSet { presentmentMoney { amount } } }
  lineItems(first: ${LINE_ITEMS_PER_ORDER}) {
    pageInfo { hasNextPage endCursor }
    nodes { ${LINE_ITEM_FIELDS} }
  }`;

/** One page of orders changed in a range, oldest change first. */
export const ORDERS_QUERY = `query ChangedOrders($first: Int!, $cursor: String, $query: String!) {
  orders(first: $first, after: $cursor, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} }
  }
}`;

export const ORDER_QUERY = `query OneOrder($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS} }
}`;

/** The rest of the lines of an order that has more than LINE_ITEMS_PER_ORDER. */
export const ORDER_LINE_ITEMS_QUERY = `query OrderLineItems($id: ID!, $cursor: String) {
  order(id: $id) {
    lineItems(first: ${LINE_ITEMS_PER_FOLLOW_UP}, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { ${LINE_ITEM_FIELDS} }
    }
  }
}`;

/** `Decimal` scalars arrive as strings ("12.1"); they stay strings. */
const amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount');
const presentmentMoney = z.object({ presentmentMoney: z.object({ amount }) });
const nullableText = z.string().nullish();

const addressSchema = z
  .object({
    name: nullableText,
    company: nullableText,
    address1: nullableText,
    address2: nullableText,
    zip: nullableText,
    city: nullableText,
    countryCodeV2: nullableText,
  })
  .nullish();

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

const lineItemSchema = z.object({
  name: z.string(),
  sku: nullableText,
  quantity: z.number().int(),
  requiresShipping: z.boolean(),
  originalUnitPriceSet: presentmentMoney,
  discountAllocations: z.array(z.object({ allocatedAmountSet: presentmentMoney })),
  taxLines: z.array(z.object({ rate: z.number().nullish(), ratePercentage: z.number().nullish() })),
});
export type GraphqlLineItem = z.infer<typeof lineItemSchema>;

export const lineItemConnectionSchema = z.object({ pageInfo, nodes: z.array(lineItemSchema) });

export const graphqlOrderSchema = z.object({
  id: z.string().startsWith('gid://shopify/Order/'),
  updatedAt: z.string(),
  createdAt: z.string(),
  processedAt: nullableText,
  cancelledAt: nullableText,
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  taxesIncluded: z.boolean(),
  displayFinancialStatus: nullableText,
  email: nullableText,
  customerLocale: nullableText,
  poNumber: nullableText,
  paymentGatewayNames: z.array(z.string()),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  purchasingEntity: z
    .object({
      company: z.object({ name: nullableText }).nullish(),
      location: z.object({ taxSettings: z.object({ taxRegistrationId: nullableText }).nullish() }).nullish(),
    })
    .nullish(),
  totalPriceSet: z.object({ shopMoney: z.object({ amount }), presentmentMoney: z.object({ amount }) }),
  shippingLines: z.object({
    nodes: z.array(z.object({ title: nullableText, discountedPriceSet: presentmentMoney })),
  }),
  refunds: z.array(
    z.object({
      id: z.string(),
      createdAt: nullableText,
      note: nullableText,
      totalRefundedSet: presentmentMoney,
    }),
  ),
  lineItems: lineItemConnectionSchema,
});
export type GraphqlOrder = z.infer<typeof graphqlOrderSchema>;

export const ordersPageSchema = z.object({
  orders: z.object({ pageInfo, nodes: z.array(graphqlOrderSchema) }),
});

export const orderResultSchema = z.object({ order: graphqlOrderSchema.nullable() });

export const orderLineItemsSchema = z.object({
  order: z.object({ lineItems: lineItemConnectionSchema }).nullable(),
});

const optional = (value: string | null | undefined): string | undefined => value ?? undefined;

const addressOf = (from: z.infer<typeof addressSchema>): ShopifyAddress | undefined =>
  from
    ? {
        name: optional(from.name),
        company: optional(from.company),
        address1: optional(from.address1),
        address2: optional(from.address2),
        zip: optional(from.zip),
        city: optional(from.city),
        countryCode: optional(from.countryCodeV2),
      }
    : undefined;

/** `ratePercentage` is a Float ("21.0" arrives as 21); `rate` (0.21) is the fallback. */
const ratePercentage = (tax: GraphqlLineItem['taxLines'][number]): string | undefined => {
  if (typeof tax.ratePercentage === 'number') return String(tax.ratePercentage);
  if (typeof tax.rate === 'number') return String(Math.round(tax.rate * 10_000) / 100);
  return undefined;
};

/**
 * Order node → facts. `lineItems` are all of the order's lines (the nested page plus any follow-up pages).
 */
export const graphqlOrderFacts = (
  node: GraphqlOrder,
  lineItems: readonly GraphqlLineItem[],
): ShopifyOrderFacts => {
  const company = node.purchasingEntity?.company ?? undefined;
  const taxRegistrationId = node.purchasingEntity?.location?.taxSettings?.taxRegistrationId ?? undefined;
  return {
    gid: node.id,
    updatedAt: node.updatedAt,
    createdAt: node.createdAt,
    processedAt: optional(node.processedAt),
    cancelledAt: optional(node.cancelledAt),
    shopCurrency: node.currencyCode,
    presentmentCurrency: node.presentmentCurrencyCode,
    taxesIncluded: node.taxesIncluded,
    financialStatus: optional(node.displayFinancialStatus),
    email: optional(node.email),
    locale: optional(node.customerLocale),
    poNumber: optional(node.poNumber),
    paymentGateways: node.paymentGatewayNames,
    billingAddress: addressOf(node.billingAddress),
    shippingAddress: addressOf(node.shippingAddress),
    ...((company || taxRegistrationId) && {
      company: { name: optional(company?.name), taxRegistrationId },
    }),
    lines: lineItems.map((line) => ({
      name: line.name,
      sku: optional(line.sku),
      quantity: String(line.quantity),
      requiresShipping: line.requiresShipping,
      unitPrice: line.originalUnitPriceSet.presentmentMoney.amount,
      discounts: line.discountAllocations.map((d) => d.allocatedAmountSet.presentmentMoney.amount),
      taxRatePercentages: line.taxLines.map(ratePercentage).filter((r): r is string => r !== undefined),
    })),
    shippingLines: node.shippingLines.nodes.map((s) => ({
      title: optional(s.title),
      amount: s.discountedPriceSet.presentmentMoney.amount,
    })),
    totalPrice: {
      shop: node.totalPriceSet.shopMoney.amount,
      presentment: node.totalPriceSet.presentmentMoney.amount,
    },
    refunds: node.refunds.map((refund) => ({
      refundId: refund.id,
      // Refund.createdAt is nullable; the order's last change is then the closest instant we have.
      createdAt: new Date(refund.createdAt ?? node.updatedAt).toISOString(),
      amount: refund.totalRefundedSet.presentmentMoney.amount,
      ...(refund.note && { reason: refund.note }),
    })),
  };
};

/** An order node (with all its lines, when it has more than the nested page) → the channel's view. */
export const mapGraphqlOrder = (
  node: GraphqlOrder,
  lineItems: readonly GraphqlLineItem[] = node.lineItems.nodes,
): ChannelOrder => toChannelOrder(graphqlOrderFacts(node, lineItems));
