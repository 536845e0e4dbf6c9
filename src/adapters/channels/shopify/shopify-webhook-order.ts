/**
 * The REST-shaped order JSON that Shopify's `orders/*` webhooks carry (snake_case, domain.md §5.2), read
 * with every number kept as text (lossless-json.ts) and translated into ShopifyOrderFacts.
 *
 * The order's identity is `admin_graphql_api_id`, the same GID the GraphQL API returns; the numeric `id`
 * is never used. Two facts the payload cannot give are fetched through the API instead (the caller
 * re-reads the order with `getOrder`):
 * - a B2B order (`company` set): the payload has no tax registration id of the company location, and
 *   invoicing a business as a consumer would charge VAT a reverse-charge invoice must not show;
 * - a refund transaction in a currency other than the presentment currency: its amount cannot be credited.
 */
import { z } from 'zod';
import { type Decimal, decimal, ZERO } from '../../../domain/shared/money.js';
import type { ShopifyAddress, ShopifyOrderFacts } from './shopify-order.js';

const amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount');
const presentment = z.object({ presentment_money: z.object({ amount }) });
const nullableText = z.string().nullish();

const addressSchema = z
  .object({
    name: nullableText,
    first_name: nullableText,
    last_name: nullableText,
    company: nullableText,
    address1: nullableText,
    address2: nullableText,
    zip: nullableText,
    city: nullableText,
    country_code: nullableText,
  })
  .nullish();

export const webhookOrderSchema = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/, 'must be an order GID'),
  updated_at: z.string(),
  created_at: z.string(),
  processed_at: nullableText,
  cancelled_at: nullableText,
  currency: z.string(),
  presentment_currency: z.string(),
  taxes_included: z.boolean(),
  financial_status: nullableText,
  email: nullableText,
  contact_email: nullableText,
  customer_locale: nullableText,
  po_number: nullableText,
  payment_gateway_names: z.array(z.string()).nullish(),
  billing_address: addressSchema,
  shipping_address: addressSchema,
  company: z.unknown().optional(),
  line_items: z.array(
    z.object({
      name: z.string(),
      sku: nullableText,
      quantity: z.string().regex(/^\d+$/, 'must be a whole number'),
      requires_shipping: z.boolean(),
      price_set: presentment,
      discount_allocations: z.array(z.object({ amount_set: presentment })),
      tax_lines: z.array(z.object({ rate: amount.nullish() })),
    }),
  ),
  shipping_lines: z.array(z.object({ title: nullableText, discounted_price_set: presentment })),
  total_price_set: z.object({ shop_money: z.object({ amount }), presentment_money: z.object({ amount }) }),
  refunds: z
    .array(
      z.object({
        admin_graphql_api_id: z.string(),
        created_at: nullableText,
        note: nullableText,
        transactions: z.array(
          z.object({ kind: nullableText, status: nullableText, amount, currency: nullableText }),
        ),
      }),
    )
    .default([]),
});
export type WebhookOrder = z.infer<typeof webhookOrderSchema>;

export type WebhookOrderReading =
  | { kind: 'facts'; facts: ShopifyOrderFacts }
  | { kind: 'reread'; reason: string };

const optional = (value: string | null | undefined): string | undefined => value ?? undefined;

const addressOf = (from: z.infer<typeof addressSchema>): ShopifyAddress | undefined => {
  if (!from) return undefined;
  const fullName = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return {
    name: optional(from.name) ?? (fullName || undefined),
    company: optional(from.company),
    address1: optional(from.address1),
    address2: optional(from.address2),
    zip: optional(from.zip),
    city: optional(from.city),
    countryCode: optional(from.country_code),
  };
};

/** A successful refund transaction moved money back; Refund.totalRefundedSet is their sum in GraphQL. */
const refundedAmount = (refund: WebhookOrder['refunds'][number]): Decimal =>
  refund.transactions
    .filter((t) => t.kind === 'refund' && t.status === 'success')
    .reduce((total, t) => total.plus(decimal(t.amount)), ZERO);

export const readWebhookOrder = (payload: WebhookOrder): WebhookOrderReading => {
  const gid = payload.admin_graphql_api_id;
  if (payload.company !== undefined && payload.company !== null) {
    return { kind: 'reread', reason: `B2B order ${gid}: the company's VAT ID is read through the API` };
  }
  const foreign = payload.refunds.some((r) =>
    r.transactions.some((t) => t.currency && t.currency !== payload.presentment_currency),
  );
  if (foreign) {
    return { kind: 'reread', reason: `order ${gid}: a refund in another currency is read through the API` };
  }
  return {
    kind: 'facts',
    facts: {
      gid,
      updatedAt: payload.updated_at,
      createdAt: payload.created_at,
      processedAt: optional(payload.processed_at),
      cancelledAt: optional(payload.cancelled_at),
      shopCurrency: payload.currency,
      presentmentCurrency: payload.presentment_currency,
      taxesIncluded: payload.taxes_included,
      financialStatus: optional(payload.financial_status)?.toUpperCase(),
      email: optional(payload.email) ?? optional(payload.contact_email),
      locale: optional(payload.customer_locale),
      poNumber: optional(payload.po_number),
      paymentGateways: payload.payment_gateway_names ?? [],
      billingAddress: addressOf(payload.billing_address),
      shippingAddress: addressOf(payload.shipping_address),
      lines: payload.line_items.map((line) => ({
        name: line.name,
        sku: optional(line.sku),
        quantity: line.quantity,
        requiresShipping: line.requires_shipping,
        unitPrice: line.price_set.presentment_money.amount,
        discounts: line.discount_allocations.map((d) => d.amount_set.presentment_money.amount),
        // REST tax lines carry the rate as a fraction ("0.21").
        taxRatePercentages: line.tax_lines.flatMap((t) =>
          t.rate ? [decimal(t.rate).times(100).toFixed()] : [],
        ),
      })),
      shippingLines: payload.shipping_lines.map((s) => ({
        title: optional(s.title),
        amount: s.discounted_price_set.presentment_money.amount,
      })),
      totalPrice: {
        shop: payload.total_price_set.shop_money.amount,
        presentment: payload.total_price_set.presentment_money.amount,
      },
      refunds: payload.refunds.map((refund) => ({
        refundId: refund.admin_graphql_api_id,
        createdAt: new Date(refund.created_at ?? payload.updated_at).toISOString(),
        amount: refundedAmount(refund).toFixed(),
        ...(refund.note && { reason: refund.note }),
      })),
    },
  };
};
