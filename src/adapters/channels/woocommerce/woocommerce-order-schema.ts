import { z } from 'zod';

/**
 * The parts of a WooCommerce REST API v3 order (`GET /wp-json/wc/v3/orders`, and the body of the
 * `order.created` / `order.updated` webhooks) this adapter reads; field names as in the `shop_order`
 * schema of test/fixtures/channels/woocommerce/woocommerce-openapi-3.0.x.yml. Objects are loose:
 * WooCommerce and its plugins add fields freely. Money comes as decimal strings ("12.10", negative
 * for refunds), rounded to the shop's price decimals; ids and quantities as JSON numbers; `*_gmt`
 * dates as "2026-11-20T10:15:00" (UTC, no offset); empty text as "" (some plugins send null).
 *
 * Where that 2021 spec is wrong about the live API it is not followed: `rate_id` and tax `id` are
 * integers there but strings in the spec, `date_paid_gmt` is null until paid, `meta_data[].value`
 * can be any JSON, and `tax_lines[].rate_percent` (WooCommerce 5.7+) is missing from it.
 */

const money = z.string().regex(/^-?\d{1,12}(\.\d{1,8})?$/, 'must be a decimal string such as "12.10"');
const gmtDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'must be a GMT date-time such as "2026-11-20T10:15:00"');
/** Free text: "" when empty, and null from some plugins means the same. */
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() ?? '');
const id = z.number().int().nonnegative();
/** Rate ids are integers in the live API; the spec says string. Compared as strings. */
const rateId = z.union([z.number().int(), z.string()]).transform(String);

export const wooMetaDataSchema = z.array(z.looseObject({ key: z.string(), value: z.unknown() })).default([]);

const wooTaxSchema = z.looseObject({ id: rateId });

export const wooAddressSchema = z.looseObject({
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  postcode: text,
  country: text,
  email: text.optional(),
});
export type WooAddress = z.infer<typeof wooAddressSchema>;

export const wooLineItemSchema = z.looseObject({
  id,
  name: text,
  sku: text.optional(),
  /** An integer in WooCommerce core; quantity plugins send fractions. */
  quantity: z.number(),
  tax_class: text,
  subtotal: money,
  subtotal_tax: money,
  total: money,
  total_tax: money,
  taxes: z.array(wooTaxSchema).default([]),
});
export type WooLineItem = z.infer<typeof wooLineItemSchema>;

export const wooTaxLineSchema = z.looseObject({
  rate_id: rateId,
  label: text.optional(),
  /** Percentage as a JSON number (21, 9, 0); WooCommerce 5.7 and later. */
  rate_percent: z.number().nullish(),
});
export type WooTaxLine = z.infer<typeof wooTaxLineSchema>;

export const wooShippingLineSchema = z.looseObject({
  method_title: text,
  total: money,
  total_tax: money,
});
export type WooShippingLine = z.infer<typeof wooShippingLineSchema>;

export const wooFeeLineSchema = z.looseObject({
  name: text,
  tax_class: text,
  tax_status: text.optional(),
  total: money,
  total_tax: money,
  taxes: z.array(wooTaxSchema).default([]),
});
export type WooFeeLine = z.infer<typeof wooFeeLineSchema>;

/** The order's summary of its refunds: WooCommerce puts the amount as a negative string. */
export const wooRefundSummarySchema = z.looseObject({
  id,
  reason: text,
  total: money,
});
export type WooRefundSummary = z.infer<typeof wooRefundSummarySchema>;

/** What every order has, whatever its status (a checkout draft has little more). */
export const wooOrderEnvelopeSchema = z.looseObject({
  id: id.positive(),
  status: z.string().min(1),
  date_modified_gmt: gmtDateTime,
  date_paid_gmt: gmtDateTime.nullish(),
  refunds: z.array(wooRefundSummarySchema).default([]),
});
export type WooOrderEnvelope = z.infer<typeof wooOrderEnvelopeSchema>;

/** An order to invoice: everything the canonical order is made of. */
export const wooOrderSchema = wooOrderEnvelopeSchema.extend({
  currency: z.string(),
  prices_include_tax: z.boolean(),
  date_created_gmt: gmtDateTime,
  total: money,
  billing: wooAddressSchema,
  shipping: wooAddressSchema.nullish(),
  payment_method: text,
  payment_method_title: text,
  meta_data: wooMetaDataSchema,
  line_items: z.array(wooLineItemSchema),
  tax_lines: z.array(wooTaxLineSchema).default([]),
  shipping_lines: z.array(wooShippingLineSchema).default([]),
  fee_lines: z.array(wooFeeLineSchema).default([]),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;
