import type { OrderInput, VatClass } from '../../../domain/order/order.js';
import type { FieldError } from '../../../domain/shared/errors.js';
import {
  type Decimal,
  decimal,
  formatAmount,
  formatDecimal,
  formatPrice,
  round2,
  roundTo,
  sum,
  ZERO,
} from '../../../domain/shared/money.js';
import type { WooCommerceMappingDefaults } from './map-woocommerce-order.js';
import type { WooFeeLine, WooLineItem, WooOrder, WooTaxLine } from './woocommerce-order-schema.js';

/**
 * The money of a WooCommerce order as canonical lines, shipping and discount.
 *
 * WooCommerce stores every line net of tax (`subtotal` before coupons, `total` after, with their tax
 * in `subtotal_tax` / `total_tax`), whatever `prices_include_tax` says. For a shop with gross prices
 * the canonical order is gross too (docs/api.md: the invoice's gross total must then equal what the
 * customer paid, to the cent), so a line's amounts are tax plus net:
 * - unit price = (subtotal + subtotal_tax) / quantity, at most 4 decimals;
 * - line discount = quantity × unit price (rounded to cents, as the invoice does) − (total + total_tax),
 *   i.e. the coupons on that line. Coupons are in the line totals already: `coupon_lines` only
 *   repeats them and is not read.
 * Net shops get the same from the net amounts (unit price = subtotal / quantity, discount =
 * subtotal − total); the invoice then computes the VAT itself.
 *
 * Fees are charges on the order: a positive fee is one more line (goods, its own tax class), a
 * negative fee (a discount some payment plugins add) is the order discount. Shipping lines add up to
 * the shipping amount, gross or net as the line prices.
 *
 * The parts must add up to the order's `total`. WooCommerce rounds tax per rate over the whole order
 * while the REST API shows each line rounded, so they may differ by a cent per line; in a gross shop
 * that difference goes to the largest line, so the invoice total is what was paid. A larger difference
 * means something reduced or raised the total that this mapping does not know (a gift card, store
 * credit): a field error, not a guess.
 */

type OrderLine = OrderInput['lines'][number];

export interface WooAmounts {
  readonly lines: OrderLine[];
  readonly shipping?: NonNullable<OrderInput['shipping']>;
  readonly discount?: NonNullable<OrderInput['discount']>;
}

/** WooCommerce's own tax classes (slugs); other classes are the shop's own. */
const CORE_TAX_CLASSES: Readonly<Record<string, VatClass>> = {
  '': 'standard',
  'reduced-rate': 'reduced',
  'zero-rate': 'zero',
};
const CLASS_BY_DUTCH_RATE: Readonly<Record<string, VatClass>> = {
  '21': 'standard',
  '9': 'reduced',
  '0': 'zero',
};
const DESCRIPTION_MAX = 500;
const SKU_MAX = 100;
/** Shipping and discount descriptions (orderSchema). */
const LABEL_MAX = 200;
const CENT = decimal('0.01');
const PRICE_STEP = decimal('0.0001');

/**
 * The VAT class of a line or fee: the merchant's mapping of a tax class, WooCommerce's own classes,
 * else the Dutch rate WooCommerce charged on it (tax_lines[].rate_percent), else standard.
 */
const vatClassOf = (
  taxClass: string,
  taxes: readonly { id: string }[],
  taxLines: readonly WooTaxLine[],
  defaults: WooCommerceMappingDefaults,
): VatClass => {
  const chosen = defaults.taxClasses?.[taxClass] ?? CORE_TAX_CLASSES[taxClass];
  if (chosen !== undefined) return chosen;
  const rates = new Set(
    taxLines
      .filter((line) => taxes.some((tax) => tax.id === line.rate_id))
      .flatMap((line) =>
        typeof line.rate_percent === 'number' ? [formatDecimal(decimal(String(line.rate_percent)))] : [],
      ),
  );
  const [rate] = rates;
  return (rates.size === 1 && CLASS_BY_DUTCH_RATE[rate!]) || 'standard';
};

/**
 * Unit price and discount that reproduce `paid` exactly: quantity × unit price, rounded to cents as
 * the invoice does, minus the discount. Rounding the unit price half-up can leave that product a
 * cent short of what was paid (from 100 units on); one step of 0.0001 up covers it, the discount
 * takes the rest.
 */
const priceLine = (quantity: Decimal, undiscounted: Decimal, paid: Decimal) => {
  const base = undiscounted.gt(paid) ? undiscounted : paid;
  let unitPrice = roundTo(base.div(quantity), 4);
  if (round2(quantity.times(unitPrice)).lt(paid)) unitPrice = unitPrice.plus(PRICE_STEP);
  return { unitPrice, discount: round2(quantity.times(unitPrice)).minus(paid) };
};

interface PricedLine {
  readonly sku?: string;
  readonly description: string;
  readonly quantity: Decimal;
  readonly undiscounted: Decimal;
  paid: Decimal;
  readonly vatClass: VatClass;
  readonly supplyType: 'goods' | 'services';
}

const truncate = (value: string, max: number): string => [...value].slice(0, max).join('');

const nonNegative = (value: Decimal, field: string, errors: FieldError[]): Decimal => {
  if (value.lt(0)) {
    errors.push({ field, message: `is ${formatDecimal(value)}: a negative amount cannot be invoiced` });
  }
  return value;
};

const itemLine = (
  item: WooLineItem,
  index: number,
  order: WooOrder,
  defaults: WooCommerceMappingDefaults,
  errors: FieldError[],
): PricedLine | undefined => {
  const field = `line_items.${index}`;
  const before = errors.length;
  const gross = order.prices_include_tax;
  if (!(item.quantity > 0)) {
    errors.push({
      field: `${field}.quantity`,
      message: `is ${item.quantity}: only a positive quantity can be invoiced (a return is a refund)`,
    });
  }
  if (item.name === '') errors.push({ field: `${field}.name`, message: 'is empty' });
  const subtotal = nonNegative(decimal(item.subtotal), `${field}.subtotal`, errors);
  const subtotalTax = nonNegative(decimal(item.subtotal_tax), `${field}.subtotal_tax`, errors);
  const total = nonNegative(decimal(item.total), `${field}.total`, errors);
  const totalTax = nonNegative(decimal(item.total_tax), `${field}.total_tax`, errors);
  if (errors.length > before) return undefined;
  const sku = item.sku ?? '';
  return {
    ...(sku !== '' && [...sku].length <= SKU_MAX && { sku }),
    description: truncate(item.name, DESCRIPTION_MAX),
    quantity: decimal(String(item.quantity)),
    undiscounted: gross ? subtotal.plus(subtotalTax) : subtotal,
    paid: round2(gross ? total.plus(totalTax) : total),
    vatClass: vatClassOf(item.tax_class, item.taxes, order.tax_lines, defaults),
    supplyType: defaults.supplyType,
  };
};

const feeAmount = (fee: WooFeeLine, gross: boolean): Decimal =>
  round2(gross ? decimal(fee.total).plus(fee.total_tax) : decimal(fee.total));

const feeLine = (
  fee: WooFeeLine,
  index: number,
  order: WooOrder,
  defaults: WooCommerceMappingDefaults,
  errors: FieldError[],
): PricedLine | undefined => {
  const amount = feeAmount(fee, order.prices_include_tax);
  if (fee.name === '') {
    errors.push({ field: `fee_lines.${index}.name`, message: 'is empty' });
    return undefined;
  }
  return {
    description: truncate(fee.name, DESCRIPTION_MAX),
    quantity: decimal(1),
    undiscounted: amount,
    paid: amount,
    vatClass: vatClassOf(fee.tax_class, fee.taxes, order.tax_lines, defaults),
    // A fee is a charge on the supply it comes with, not a service of its own.
    supplyType: 'goods',
  };
};

/** Everything WooCommerce counted in `total`: lines, shipping and fees, each with its tax, in cents. */
const partsTotal = (order: WooOrder): Decimal =>
  sum(
    [...order.line_items, ...order.shipping_lines, ...order.fee_lines].map((part) =>
      round2(decimal(part.total).plus(part.total_tax)),
    ),
  );

const shippingOf = (order: WooOrder, errors: FieldError[]): WooAmounts['shipping'] => {
  const amounts = order.shipping_lines.map((line, index) => {
    const net = nonNegative(decimal(line.total), `shipping_lines.${index}.total`, errors);
    return round2(order.prices_include_tax ? net.plus(line.total_tax) : net);
  });
  const amount = sum(amounts);
  if (!amount.gt(0)) return undefined;
  const description = [
    ...new Set(order.shipping_lines.map((line) => line.method_title).filter((t) => t !== '')),
  ].join(' + ');
  return {
    ...(description !== '' && description.length <= LABEL_MAX && { description }),
    amount: formatAmount(amount),
  };
};

const discountOf = (order: WooOrder): WooAmounts['discount'] => {
  const negativeFees = order.fee_lines.filter((fee) => feeAmount(fee, order.prices_include_tax).lt(0));
  const amount = sum(negativeFees.map((fee) => feeAmount(fee, order.prices_include_tax))).abs();
  if (!amount.gt(0)) return undefined;
  const description = negativeFees
    .map((fee) => fee.name)
    .filter((name) => name !== '')
    .join(', ');
  return {
    ...(description !== '' && description.length <= LABEL_MAX && { description }),
    amount: formatAmount(amount),
  };
};

/** Lines, shipping and discount of an order, or undefined with the reasons added to `errors`. */
export const amountsOf = (
  order: WooOrder,
  defaults: WooCommerceMappingDefaults,
  errors: FieldError[],
): WooAmounts | undefined => {
  const before = errors.length;
  const items = order.line_items.map((item, index) => itemLine(item, index, order, defaults, errors));
  const fees = order.fee_lines.map((fee, index) =>
    feeAmount(fee, order.prices_include_tax).gt(0) ? feeLine(fee, index, order, defaults, errors) : undefined,
  );
  const shipping = shippingOf(order, errors);
  const discount = discountOf(order);
  if (order.line_items.length === 0) errors.push({ field: 'line_items', message: 'the order has no items' });
  const total = round2(decimal(order.total));
  const difference = total.minus(partsTotal(order));
  const rounded = order.line_items.length + order.shipping_lines.length + order.fee_lines.length;
  if (difference.abs().gt(CENT.times(rounded))) {
    errors.push({
      field: 'total',
      message: `is ${formatDecimal(total)} but the lines, shipping and fees add up to ${formatDecimal(total.minus(difference))}: something changed the total that cannot be invoiced as is (a gift card, store credit?)`,
    });
  }
  if (errors.length > before) return undefined;
  const lines = [...items, ...fees].filter((line): line is PricedLine => line !== undefined);
  if (order.prices_include_tax && !difference.eq(0)) {
    // Tax rounded per rate over the order vs per line in the API: the cent goes to the largest line.
    const largest = lines.reduce((a, b) => (b.paid.gt(a.paid) ? b : a));
    largest.paid = largest.paid.plus(difference);
    if (largest.paid.lt(0)) {
      errors.push({ field: 'total', message: 'cannot be spread over the lines' });
      return undefined;
    }
  }
  return {
    lines: lines.map((line) => {
      const { unitPrice, discount } = priceLine(line.quantity, line.undiscounted, line.paid);
      return {
        ...(line.sku !== undefined && { sku: line.sku }),
        description: line.description,
        quantity: formatDecimal(line.quantity),
        unitPrice: formatPrice(unitPrice),
        vatClass: line.vatClass,
        supplyType: line.supplyType,
        ...(discount.gt(ZERO) && { discount: formatAmount(discount) }),
      };
    }),
    ...(shipping !== undefined && { shipping }),
    ...(discount !== undefined && { discount }),
  };
};
