import { z } from 'zod';
import {
  addressSchema,
  amountString,
  currencyCode,
  decimalString,
  isoDate,
  isoDateTime,
  positiveQuantityString,
} from '../shared/schemas.js';

/** The canonical order every channel is normalised to (docs/api.md "Orders"). */
export const vatClassSchema = z.enum(['standard', 'reduced', 'zero', 'exempt']);
export type VatClass = z.infer<typeof vatClassSchema>;

export const orderLineSchema = z
  .object({
    sku: z.string().min(1).max(100).optional(),
    description: z.string().min(1).max(500),
    quantity: positiveQuantityString,
    unitPrice: amountString.or(z.string().regex(/^\d{1,12}\.\d{3,4}$/, 'must have at most 4 decimals')),
    vatClass: vatClassSchema.optional(),
    vatRate: z.enum(['21', '9', '0']).optional(),
    supplyType: z.enum(['goods', 'services']).default('goods'),
    discount: amountString.optional(),
  })
  .refine((line) => line.vatClass !== undefined || line.vatRate !== undefined, {
    message: 'either vatClass or vatRate is required',
    path: ['vatClass'],
  });
export type OrderLine = z.infer<typeof orderLineSchema>;

export const customerSchema = z.object({
  name: z.string().min(1).max(200),
  companyName: z.string().min(1).max(200).optional(),
  email: z.email().optional(),
  vatId: z
    .string()
    .regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, 'must be a VAT identifier with country prefix, e.g. NL859498522B01')
    .optional(),
  peppolId: z
    .string()
    .regex(/^\d{4}:[^\s]{1,100}$/, 'must be "<scheme>:<identifier>", e.g. 0106:12345678')
    .optional(),
  reference: z.string().min(1).max(200).optional(),
  companyId: z.object({ scheme: z.string().regex(/^\d{4}$/), value: z.string().min(1).max(100) }).optional(),
  /** The language the customer reads invoices in (nl, en, de, fr); derived from the country when absent. */
  language: z.enum(['nl', 'en', 'de', 'fr']).optional(),
  address: addressSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const orderSchema = z.object({
  externalId: z.string().min(1).max(200),
  channel: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be a channel name such as "api" or "shopify"'),
  orderedAt: isoDateTime,
  currency: currencyCode,
  pricesIncludeVat: z.boolean().default(false),
  customer: customerSchema,
  shipTo: addressSchema.optional(),
  lines: z.array(orderLineSchema).min(1).max(1000),
  shipping: z
    .object({ description: z.string().min(1).max(200).default('Verzending'), amount: amountString })
    .optional(),
  discount: z
    .object({ description: z.string().min(1).max(200).default('Korting'), amount: amountString })
    .optional(),
  exchangeRate: z
    .object({ rate: decimalString, date: isoDate, source: z.string().min(1).max(50) })
    .optional(),
  shippedAt: isoDateTime.optional(),
  payment: z
    .object({
      status: z.enum(['paid', 'pending', 'unpaid']),
      method: z.string().min(1).max(50).optional(),
      paidAt: isoDateTime.optional(),
    })
    .optional(),
});
export type Order = z.infer<typeof orderSchema>;
/** The JSON clients send, before defaults are applied. */
export type OrderInput = z.input<typeof orderSchema>;
