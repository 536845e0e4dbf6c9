import type { z } from 'zod';
import { type OrderInput, orderSchema, type VatClass } from '../../../domain/order/order.js';
import type { ChannelOrder, ChannelRefund } from '../../../domain/ports/channel-client.js';
import { type FieldError, ValidationError } from '../../../domain/shared/errors.js';
import { decimal, formatAmount, round2 } from '../../../domain/shared/money.js';
import { amountsOf } from './woocommerce-amounts.js';
import { buyerOf } from './woocommerce-customer.js';
import {
  type WooOrder,
  type WooOrderEnvelope,
  wooOrderEnvelopeSchema,
  wooOrderSchema,
} from './woocommerce-order-schema.js';

/**
 * One WooCommerce REST API v3 order (a list item of `GET /orders`, or an `order.*` webhook body) as
 * the channel order of the port. Pure: everything it needs comes in as arguments.
 *
 * What the status means for invoicing (WooCommerce's own reading: processing and completed are
 * its "paid" statuses):
 * - `processing`, `completed`, `refunded` → the order, paid (paidAt = `date_paid_gmt`);
 *   `refunded` also lists its refunds.
 * - `on-hold` → the order with payment pending (a bank transfer not yet received).
 * - `pending`, `failed`, `checkout-draft` → nothing to invoice yet (looked at again when it changes).
 * - `cancelled` → cancelled; the order only when it had been paid (`date_paid_gmt`).
 * - any other status (a plugin's own) → ValidationError: whether it was paid cannot be told.
 * The shop's visible order number (`number`) is not used: the identity is the immutable `id`.
 * Anything else the mapping cannot understand is a ValidationError with WooCommerce field paths.
 */

export interface WooCommerceMappingDefaults {
  /** What the shop sells: WooCommerce line items do not say whether a product is a service. */
  readonly supplyType: 'goods' | 'services';
  /** The shop's own tax classes (slug → class), beyond WooCommerce's standard/reduced-rate/zero-rate. */
  readonly taxClasses?: Readonly<Record<string, VatClass>>;
}

type Phase =
  | { readonly invoice: true; readonly payment: 'paid' | 'pending'; readonly cancelled: boolean }
  | { readonly invoice: false; readonly cancelled: boolean };

const phaseOf = (order: WooOrderEnvelope): Phase | undefined => {
  switch (order.status) {
    case 'processing':
    case 'completed':
    case 'refunded':
      return { invoice: true, payment: 'paid', cancelled: false };
    case 'on-hold':
      return { invoice: true, payment: 'pending', cancelled: false };
    case 'pending':
    case 'failed':
    case 'checkout-draft':
      return { invoice: false, cancelled: false };
    case 'cancelled':
      return order.date_paid_gmt
        ? { invoice: true, payment: 'paid', cancelled: true }
        : { invoice: false, cancelled: true };
    default:
      return undefined;
  }
};

/** Payment gateway ids of WooCommerce core and the common Dutch gateways, in payment-means words. */
const METHOD_BY_GATEWAY: Readonly<Record<string, string>> = {
  bacs: 'bank_transfer',
  cod: 'cash',
  paypal: 'paypal',
  'ppcp-gateway': 'paypal',
  stripe: 'card',
  stripe_ideal: 'ideal',
  mollie_wc_gateway_ideal: 'ideal',
  mollie_wc_gateway_bancontact: 'bancontact',
  mollie_wc_gateway_creditcard: 'creditcard',
  mollie_wc_gateway_banktransfer: 'bank_transfer',
  mollie_wc_gateway_directdebit: 'direct_debit',
};
const METHOD_MAX = 50;

const methodOf = (order: WooOrder): string | undefined => {
  const method = METHOD_BY_GATEWAY[order.payment_method] ?? order.payment_method_title;
  return method !== '' && [...method].length <= METHOD_MAX ? method : undefined;
};

const utc = (gmt: string): string => `${gmt}Z`;

const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));

const refused = (id: number | undefined, errors: readonly FieldError[]): ValidationError =>
  new ValidationError(
    `WooCommerce order ${id ?? '(without id)'} cannot be invoiced as it is: ${errors
      .map((error) => `${error.field} ${error.message}`)
      .join('; ')}`,
    errors,
  );

/**
 * WooCommerce's order summary lists each refund's id, reason and amount (negative), not its date:
 * the order's last change is when the refund is known to exist at the latest. A refund of 0 (items
 * restocked, no money back) corrects nothing.
 */
const refundsOf = (order: WooOrderEnvelope, updatedAt: string): ChannelRefund[] =>
  order.refunds.flatMap((refund) => {
    const amount = round2(decimal(refund.total).abs());
    if (amount.eq(0)) return [];
    return [
      {
        refundId: String(refund.id),
        createdAt: updatedAt,
        amount: formatAmount(amount),
        ...(refund.reason !== '' && { reason: refund.reason }),
      },
    ];
  });

const canonicalOrder = (
  order: WooOrder,
  payment: 'paid' | 'pending',
  defaults: WooCommerceMappingDefaults,
): Omit<OrderInput, 'channel'> => {
  const errors: FieldError[] = [];
  const currency = order.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    errors.push({ field: 'currency', message: `"${order.currency}" is no ISO 4217 code` });
  }
  const buyer = buyerOf(order, errors);
  const amounts = amountsOf(order, defaults, errors);
  if (buyer === undefined || amounts === undefined || errors.length > 0) throw refused(order.id, errors);
  const method = methodOf(order);
  const canonical = {
    externalId: String(order.id),
    orderedAt: utc(order.date_created_gmt),
    currency,
    pricesIncludeVat: order.prices_include_tax,
    ...buyer,
    ...amounts,
    payment: {
      status: payment,
      ...(method !== undefined && { method }),
      ...(payment === 'paid' && order.date_paid_gmt && { paidAt: utc(order.date_paid_gmt) }),
    },
  };
  // The last word is the canonical schema's: what it refuses is refused here, with its paths.
  const checked = orderSchema.safeParse({ ...canonical, channel: 'woocommerce' });
  if (!checked.success) throw refused(order.id, fieldErrors(checked.error));
  return canonical;
};

/** Throws ValidationError (field paths of the WooCommerce order) for an order it cannot understand. */
export const mapWooCommerceOrder = (payload: unknown, defaults: WooCommerceMappingDefaults): ChannelOrder => {
  const envelope = wooOrderEnvelopeSchema.safeParse(payload);
  const id = (payload as { id?: unknown } | null)?.id;
  if (!envelope.success) throw refused(typeof id === 'number' ? id : undefined, fieldErrors(envelope.error));
  const phase = phaseOf(envelope.data);
  if (phase === undefined) {
    throw refused(envelope.data.id, [
      {
        field: 'status',
        message: `"${envelope.data.status}" is not a WooCommerce order status; whether the order was paid cannot be told`,
      },
    ]);
  }
  const updatedAt = utc(envelope.data.date_modified_gmt);
  const base = {
    externalId: String(envelope.data.id),
    updatedAt,
    refunds: refundsOf(envelope.data, updatedAt),
    cancelled: phase.cancelled,
  };
  if (!phase.invoice) return { ...base, order: undefined };
  const full = wooOrderSchema.safeParse(payload);
  if (!full.success) throw refused(envelope.data.id, fieldErrors(full.error));
  return { ...base, order: canonicalOrder(full.data, phase.payment, defaults) };
};
