/**
 * What we read from a Shopify order, whichever way it arrived (Admin GraphQL API or a REST-shaped webhook),
 * and the one set of rules that turns it into the canonical order. Both readers
 * (shopify-graphql-order.ts, shopify-webhook-order.ts) only translate field names; every decision is here.
 *
 * Decisions (docs/api.md "Orders", domain.md §5.2):
 * - The invoice is made out in the PRESENTMENT currency, the one the customer paid in; every amount is the
 *   MoneyBag's presentmentMoney. Shopify's tax amounts are not used: our engine recomputes VAT.
 * - Exchange rate (order-currency units per 1 EUR) only when it can be derived without guessing: the shop
 *   currency is EUR, so presentment total / shop total of the order is the rate Shopify converted at
 *   checkout. Otherwise it stays undefined and the order is refused at the door (or a configured rate
 *   source fills it) — visibly, never invented.
 * - Something to invoice once money was taken or is promised: paid (PAID, PARTIALLY_REFUNDED, REFUNDED) or
 *   pending (PENDING — bank transfer, cash on delivery, payment terms —, AUTHORIZED, PARTIALLY_PAID). A
 *   VOIDED or EXPIRED payment, an unknown status, and an order cancelled before money was taken have
 *   nothing to invoice (`order` undefined); a paid order that is cancelled afterwards keeps its order and
 *   reports `cancelled` and its refunds, which become credit notes.
 * - Product class from the line's tax lines: 21 / 9 / 0 % are the Dutch rates and pass as `vatRate`; another
 *   rate (OSS destination rates) is `reduced` when it is below the standard rate of the EU ship-to country
 *   on the order date, else `standard`. A line Shopify did not tax (exempt customer, export, untaxed
 *   product) is `standard`: the engine decides the category from buyer and destination, and a wrongly high
 *   class is visible on the invoice where a wrongly low one would be a tax shortfall.
 * - Supply type: a product Shopify does not ship (`requiresShipping` false: downloads, services) is a
 *   service for VAT, everything else goods.
 */

import type { Customer, OrderInput, OrderLine } from '../../../domain/order/order.js';
import type { ChannelOrder, ChannelRefund } from '../../../domain/ports/channel-client.js';
import {
  type Decimal,
  decimal,
  formatAmount,
  formatPrice,
  roundTo,
  sum,
} from '../../../domain/shared/money.js';
import type { Address } from '../../../domain/shared/schemas.js';
import { isEuMemberState, VAT_RATE_TABLE_START, vatRateOn } from '../../../domain/vat/rates/eu-vat-rates.js';

export interface ShopifyAddress {
  readonly name?: string;
  readonly company?: string;
  readonly address1?: string;
  readonly address2?: string;
  readonly zip?: string;
  readonly city?: string;
  readonly countryCode?: string;
}

export interface ShopifyLine {
  /** Product and variant title as the customer saw it. */
  readonly name: string;
  readonly sku?: string;
  readonly quantity: string;
  /** Price of one unit before discounts, presentment currency (incl. VAT when taxes are included). */
  readonly unitPrice: string;
  /** Discount allocations on this line (line and order-level codes), presentment currency. */
  readonly discounts: readonly string[];
  /** Tax rates Shopify applied, as percentages ("21", "5.5"). */
  readonly taxRatePercentages: readonly string[];
  /** False for a product that is not physical (a download, a service). */
  readonly requiresShipping: boolean;
}

export interface ShopifyOrderFacts {
  /** The order GID; its numeric part exceeds 2^53, so it is only ever handled as text. */
  readonly gid: string;
  readonly updatedAt: string;
  readonly createdAt: string;
  readonly processedAt?: string;
  readonly cancelledAt?: string;
  readonly shopCurrency: string;
  readonly presentmentCurrency: string;
  readonly taxesIncluded: boolean;
  /** OrderDisplayFinancialStatus (upper case), undefined when Shopify sends none. */
  readonly financialStatus?: string;
  readonly email?: string;
  readonly locale?: string;
  readonly poNumber?: string;
  readonly paymentGateways: readonly string[];
  readonly billingAddress?: ShopifyAddress;
  readonly shippingAddress?: ShopifyAddress;
  /** B2B: the purchasing company's name and its location's tax registration id. */
  readonly company?: { readonly name?: string; readonly taxRegistrationId?: string };
  readonly lines: readonly ShopifyLine[];
  /** Shipping lines after shipping discounts, presentment currency. */
  readonly shippingLines: readonly { readonly title?: string; readonly amount: string }[];
  readonly totalPrice: { readonly shop: string; readonly presentment: string };
  readonly refunds: readonly ChannelRefund[];
}

const PAID = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);
const PENDING = new Set(['PENDING', 'AUTHORIZED', 'PARTIALLY_PAID']);
const DUTCH_RATES = new Set(['21', '9', '0']);
const LANGUAGES = new Set(['nl', 'en', 'de', 'fr']);
const EXCHANGE_RATE_SOURCE = 'Shopify checkout conversion';

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

const toUtc = (instant: string): string => new Date(instant).toISOString();

const address = (from: ShopifyAddress): Address => ({
  street: [present(from.address1), present(from.address2)].filter(Boolean).join(', '),
  postalCode: present(from.zip) ?? '',
  city: present(from.city) ?? '',
  countryCode: present(from.countryCode)?.toUpperCase() ?? '',
});

const sameAddress = (a: Address, b: Address): boolean =>
  a.street === b.street &&
  a.postalCode === b.postalCode &&
  a.city === b.city &&
  a.countryCode === b.countryCode;

/** A tax registration id as the domain wants it: no separators, upper case, with its country prefix. */
const normalisedVatId = (raw: string | undefined, countryCode: string): string | undefined => {
  const compact = raw?.replace(/[\s.\-/]/g, '').toUpperCase();
  if (!compact) return undefined;
  if (/^[A-Z]{2}/.test(compact)) return compact;
  // VAT prefixes equal ISO codes except Greece (EL); VIES verifies the result before it zero-rates anything.
  return `${countryCode === 'GR' ? 'EL' : countryCode}${compact}`;
};

const customerOf = (facts: ShopifyOrderFacts, billing: ShopifyAddress): Customer => {
  const customerAddress = address(billing);
  const companyName = present(facts.company?.name) ?? present(billing.company);
  const language = present(facts.locale)?.slice(0, 2).toLowerCase();
  const vatId = normalisedVatId(facts.company?.taxRegistrationId, customerAddress.countryCode);
  return {
    name: present(billing.name) ?? companyName ?? present(facts.email) ?? '',
    ...(companyName && { companyName }),
    ...(present(facts.email) && { email: present(facts.email) }),
    ...(vatId && { vatId }),
    ...(present(facts.poNumber) && { reference: present(facts.poNumber) }),
    ...(language && LANGUAGES.has(language) && { language: language as Customer['language'] }),
    address: customerAddress,
  };
};

const orderDate = (facts: ShopifyOrderFacts): string =>
  toUtc(facts.processedAt ?? facts.createdAt).slice(0, 10);

const productClass = (
  rates: readonly string[],
  destination: string,
  date: string,
): Pick<OrderLine, 'vatClass' | 'vatRate'> => {
  if (rates.length === 0) return { vatClass: 'standard' };
  const rate = sum(rates.map((r) => decimal(r))).toFixed();
  if (DUTCH_RATES.has(rate)) return { vatRate: rate as '21' | '9' | '0' };
  if (isEuMemberState(destination) && date >= VAT_RATE_TABLE_START && decimal(rate).gt(0)) {
    const standard = vatRateOn(destination, 'standard', date);
    if (decimal(rate).lt(standard)) return { vatClass: 'reduced' };
  }
  return { vatClass: 'standard' };
};

const lineOf = (line: ShopifyLine, destination: string, date: string): OrderLine => {
  const discount = sum(line.discounts.map((d) => decimal(d)));
  return {
    ...(present(line.sku) && { sku: present(line.sku) }),
    description: line.name,
    quantity: line.quantity,
    unitPrice: formatPrice(decimal(line.unitPrice)),
    ...productClass(line.taxRatePercentages, destination, date),
    supplyType: line.requiresShipping ? 'goods' : 'services',
    ...(discount.gt(0) && { discount: formatAmount(discount) }),
  };
};

/** presentment / shop total, when the shop's own currency is EUR (see the module comment). */
const exchangeRateOf = (facts: ShopifyOrderFacts, date: string): OrderInput['exchangeRate'] => {
  if (facts.presentmentCurrency === 'EUR' || facts.shopCurrency !== 'EUR') return undefined;
  const shopTotal: Decimal = decimal(facts.totalPrice.shop);
  if (shopTotal.lte(0)) return undefined;
  const rate = roundTo(decimal(facts.totalPrice.presentment).div(shopTotal), 6);
  return { rate: rate.toFixed(6), date, source: EXCHANGE_RATE_SOURCE };
};

const paymentStatus = (financialStatus: string | undefined): 'paid' | 'pending' | undefined => {
  if (financialStatus === undefined) return undefined;
  if (PAID.has(financialStatus)) return 'paid';
  if (PENDING.has(financialStatus)) return 'pending';
  return undefined;
};

const canonicalOrder = (facts: ShopifyOrderFacts): ChannelOrder['order'] => {
  const status = paymentStatus(facts.financialStatus);
  if (status === undefined) return undefined;
  if (facts.cancelledAt !== undefined && status !== 'paid') return undefined;
  const billing = facts.billingAddress ?? facts.shippingAddress ?? {};
  const customer = customerOf(facts, billing);
  const shipTo = facts.shippingAddress && address(facts.shippingAddress);
  const destination = (shipTo ?? customer.address).countryCode;
  const date = orderDate(facts);
  const shippingTotal = sum(facts.shippingLines.map((s) => decimal(s.amount)));
  const shippingTitle = facts.shippingLines
    .map((s) => present(s.title))
    .filter(Boolean)
    .join(' + ')
    .slice(0, 200);
  const exchangeRate = exchangeRateOf(facts, date);
  const method = facts.paymentGateways
    .filter((g) => present(g))
    .join(', ')
    .slice(0, 50);
  return {
    externalId: facts.gid,
    orderedAt: toUtc(facts.processedAt ?? facts.createdAt),
    currency: facts.presentmentCurrency,
    pricesIncludeVat: facts.taxesIncluded,
    customer,
    ...(shipTo && !sameAddress(shipTo, customer.address) && { shipTo }),
    lines: facts.lines.filter((l) => decimal(l.quantity).gt(0)).map((l) => lineOf(l, destination, date)),
    ...(shippingTotal.gt(0) && {
      shipping: { ...(shippingTitle && { description: shippingTitle }), amount: formatAmount(shippingTotal) },
    }),
    ...(exchangeRate && { exchangeRate }),
    payment: { status, ...(method && { method }) },
  };
};

/** The channel's view of one Shopify order: the canonical order (or undefined), refunds, cancellation. */
export const toChannelOrder = (facts: ShopifyOrderFacts): ChannelOrder => ({
  externalId: facts.gid,
  updatedAt: toUtc(facts.updatedAt),
  order: canonicalOrder(facts),
  // A refund of nothing (restock only) has no amount to credit.
  refunds: facts.refunds
    .filter((r) => decimal(r.amount).gt(0))
    .map((r) => ({ ...r, amount: formatAmount(decimal(r.amount)) })),
  cancelled: facts.cancelledAt !== undefined,
});
