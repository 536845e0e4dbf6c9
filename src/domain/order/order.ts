import { z } from 'zod';
import { INVOICE_CURRENCIES, implausibleExchangeRate } from '../shared/currencies.js';
import { decimal } from '../shared/money.js';
import {
  addressSchema,
  amountString,
  currencyCode,
  decimalString,
  isCalendarDate,
  isoDate,
  isoDateTime,
  positiveQuantityString,
} from '../shared/schemas.js';
import { identifierText, text } from '../shared/text.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The canonical order every channel is normalised to (docs/api.md "Orders"). */
export const vatClassSchema = z.enum(['standard', 'reduced', 'zero', 'exempt']);
export type VatClass = z.infer<typeof vatClassSchema>;

export const orderLineSchema = z
  .object({
    sku: text(100).optional(),
    description: text(500),
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
    // Reported together with the line's other bad fields, not only once they are fixed.
    when: (payload) => isRecord(payload.value),
  });
export type OrderLine = z.infer<typeof orderLineSchema>;

export const customerSchema = z.object({
  name: text(200),
  companyName: text(200).optional(),
  email: z.email().optional(),
  vatId: z
    .string()
    .regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, 'must be a VAT identifier with country prefix, e.g. NL859498522B01')
    .optional(),
  peppolId: z
    .string()
    .regex(/^\d{4}:[^\s]{1,100}$/, 'must be "<scheme>:<identifier>", e.g. 0106:12345678')
    .optional(),
  reference: text(200).optional(),
  companyId: z.object({ scheme: z.string().regex(/^\d{4}$/), value: identifierText(100) }).optional(),
  /** The language the customer reads invoices in (nl, en, de, fr); derived from the country when absent. */
  language: z.enum(['nl', 'en', 'de', 'fr']).optional(),
  address: addressSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const orderSchema = z.object({
  externalId: identifierText(200),
  channel: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be a channel name such as "api" or "shopify"'),
  /** Set for orders that came from a channel connection: with externalId, the order's identity. */
  channelId: z.string().min(1).max(100).optional(),
  orderedAt: isoDateTime,
  currency: currencyCode,
  pricesIncludeVat: z.boolean().default(false),
  customer: customerSchema,
  shipTo: addressSchema.optional(),
  lines: z.array(orderLineSchema).min(1).max(1000),
  shipping: z.object({ description: z.string().min(1).max(200).optional(), amount: amountString }).optional(),
  discount: z.object({ description: z.string().min(1).max(200).optional(), amount: amountString }).optional(),
  exchangeRate: z
    .object({
      rate: decimalString.describe(
        'Order-currency units per 1 EUR (the ECB convention), e.g. "1.0850" for USD: 1 EUR = 1.0850 USD',
      ),
      date: isoDate,
      source: text(50),
    })
    .describe('Required when currency is not EUR; absent for EUR orders')
    .optional(),
  shippedAt: isoDateTime.optional(),
  payment: z
    .object({
      status: z.enum(['paid', 'pending', 'unpaid']),
      method: text(50).optional(),
      paidAt: isoDateTime.optional(),
    })
    .optional(),
});
export type Order = z.infer<typeof orderSchema>;
/** The JSON clients send, before defaults are applied. */
export type OrderInput = z.input<typeof orderSchema>;

/**
 * What is refused at the door on top of the order's shape (invariant 5): a currency no invoice can
 * be made out in, a rate date that is no day, and a missing, non-positive or implausible exchange
 * rate. These checks depend on
 * today's code lists and rates, so they guard new orders only; orders already stored are read with
 * `orderSchema` as they were accepted. Reported together with the shape's own errors.
 */
export const orderSubmissionSchema = orderSchema.superRefine(
  (order, ctx) => {
    const { currency, exchangeRate } = order as Partial<Order>;
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message, input: order });
    // The rate's date is printed on the invoice: "2026-02-30" has the right shape but is no day.
    const rateDate = isRecord(exchangeRate) ? exchangeRate.date : undefined;
    if (typeof rateDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(rateDate) && !isCalendarDate(rateDate)) {
      issue(['exchangeRate', 'date'], 'must be a date that exists');
    }
    const rate =
      isRecord(exchangeRate) && typeof exchangeRate.rate === 'string' ? exchangeRate.rate : undefined;
    const wellFormedRate = rate !== undefined && /^-?\d{1,12}(\.\d{1,6})?$/.test(rate);
    if (wellFormedRate && decimal(rate).lte(0)) issue(['exchangeRate', 'rate'], 'must be greater than zero');
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return;
    if (!INVOICE_CURRENCIES.has(currency)) {
      issue(['currency'], `${currency} is not an ISO 4217 currency an invoice can be made out in`);
      return;
    }
    if (currency === 'EUR') {
      if (exchangeRate !== undefined && !(wellFormedRate && decimal(rate).eq(1))) {
        issue(['exchangeRate'], 'must be absent (or 1) for a EUR order');
      }
      return;
    }
    if (exchangeRate === undefined) {
      issue(
        ['exchangeRate'],
        `is required for a ${currency} order: ${currency} units per 1 EUR, e.g. from the ECB`,
      );
      return;
    }
    if (!wellFormedRate || decimal(rate).lte(0)) return;
    const problem = implausibleExchangeRate(currency, rate);
    if (problem !== undefined) issue(['exchangeRate', 'rate'], problem);
  },
  // Runs next to the shape's own errors: a wrongly typed price must not hide a missing rate.
  { when: (payload) => isRecord(payload.value) },
);
