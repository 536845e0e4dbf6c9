/**
 * A bol.com order (Retailer API v10, `GET /retailer/orders/{order-id}`) as the canonical order
 * (docs/api.md "Orders"). Pure: everything it needs comes in as arguments.
 *
 * - bol's `unitPrice` and `discounts` include VAT and name no rate, so the order is sent gross
 *   (`pricesIncludeVat`) with the product's VAT class, and our VAT engine decides the rate. The class
 *   comes from the connection's EAN → class setting; an EAN not listed is `standard`. A merchant
 *   selling reduced-rate goods on bol (books, food) must list those EANs, or they are invoiced at the
 *   standard rate.
 * - bol collects the payment itself: every order is paid, method `bol`.
 * - An order is invoiced once every item is handled (shipped or cancelled): bol sends no refunds
 *   and a received order is kept as first recorded, so invoicing an open order would bill items
 *   that are cancelled afterwards. Until then `order` is undefined (looked at again when it
 *   changes); with every unit cancelled the order is `cancelled`.
 * - Lines carry the units not cancelled (quantity − quantityCancelled). A promotion (`discounts`) is
 *   an amount off its line; on a partly cancelled item it is spread over the units still bought, as
 *   bol does not say whether it shrinks with the cancellation.
 */
import { z } from 'zod';
import type { OrderInput, VatClass } from '../../../domain/order/order.js';
import type { ChannelOrder } from '../../../domain/ports/channel-client.js';
import { decimal, formatAmount, formatPrice, round2, sum } from '../../../domain/shared/money.js';
import { parseVatId } from '../../../domain/vat/vat-id/vat-id.js';
import type { BolOrder, BolOrderItem } from './bol-api-schemas.js';

export type BolProductVatClasses = Readonly<Record<string /* EAN */, VatClass>>;

/** The detail with the placing time known (taken from the order list when the detail lacks it). */
export type PlacedBolOrder = BolOrder & { readonly orderPlacedDateTime: string };

type Address = OrderInput['customer']['address'];
type Party = NonNullable<BolOrder['billingDetails']> | BolOrder['shipmentDetails'];

const INVOICE_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
/** Peppol ICD 0106: KvK number (NL); 0208: ondernemingsnummer (BE), which bol puts in the same field. */
const COMPANY_ID_SCHEME = { NL: '0106', BE: '0208' } as const;
/** Every VAT number has digits: text such as "geen btw-nummer" is not one. */
const VAT_ID_SHAPE = /^[A-Z]{2}(?=[0-9A-Z+*]*\d)[0-9A-Z+*]{2,13}$/;
const DESCRIPTION_MAX = 500;

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

const joinPresent = (parts: readonly (string | undefined)[]): string =>
  parts
    .map(present)
    .filter((part) => part !== undefined)
    .join(' ');

const toUtc = (dateTime: string): string => new Date(dateTime).toISOString();

/** The latest change of any item: the poll cursor advances over it. */
export const bolOrderUpdatedAt = (order: PlacedBolOrder): string => {
  const times = order.orderItems.map((item) => Date.parse(item.latestChangedDateTime));
  return times.length === 0 ? toUtc(order.orderPlacedDateTime) : new Date(Math.max(...times)).toISOString();
};

/**
 * bol passes the VAT number as the customer typed it ("nl 8594.98.522 b01", or without country
 * prefix): compacted, prefixed with the billing country when it has none, EL for Greece. Something
 * that cannot be a VAT ID is dropped, so the order is invoiced to a consumer (VAT charged) instead
 * of being refused.
 */
export const normaliseBolVatNumber = (
  raw: string | undefined,
  countryCode: string | undefined,
): string | undefined => {
  const compact = raw?.toUpperCase().replace(/[\s.\-/]/g, '');
  if (compact === undefined || compact === '') return undefined;
  const prefixed = /^[A-Z]{2}/.test(compact)
    ? compact
    : `${countryCode?.trim().toUpperCase() ?? ''}${compact}`;
  if (!VAT_ID_SHAPE.test(prefixed)) return undefined;
  return parseVatId(prefixed)?.normalized ?? prefixed;
};

const companyIdOf = (raw: string | undefined, countryCode: string) => {
  const value = present(raw)?.replace(/[\s.]/g, '');
  if (value === undefined || value === '') return undefined;
  return { scheme: countryCode === 'BE' ? COMPANY_ID_SCHEME.BE : COMPANY_ID_SCHEME.NL, value };
};

/** bol uses nl, nl-BE, fr, fr-BE: the primary subtag when we write invoices in it. */
export const bolLanguage = (language: string | undefined): (typeof INVOICE_LANGUAGES)[number] | undefined => {
  const primary = language?.trim().split(/[-_]/)[0]?.toLowerCase();
  return INVOICE_LANGUAGES.find((candidate) => candidate === primary);
};

const addressOf = (party: Party): Address => ({
  street: joinPresent([party.streetName, joinPresent([party.houseNumber, party.houseNumberExtension])]),
  postalCode: present(party.zipCode) ?? '',
  city: present(party.city) ?? '',
  countryCode: present(party.countryCode)?.toUpperCase() ?? '',
});

const emailOf = (raw: string | undefined): string | undefined => {
  const email = present(raw);
  return email !== undefined && z.email().safeParse(email).success ? email : undefined;
};

const truncate = (value: string, max: number): string => [...value].slice(0, max).join('');

const customerOf = (order: PlacedBolOrder): OrderInput['customer'] => {
  const shipment = order.shipmentDetails;
  // Billing details are optional in the spec; the shipment address is then the best we know.
  const billing: Party = order.billingDetails ?? shipment;
  const address = addressOf(billing);
  const companyName = present(billing.company);
  const email = emailOf(billing.email) ?? emailOf(shipment.email);
  const vatId = normaliseBolVatNumber(order.billingDetails?.vatNumber, address.countryCode);
  const companyId = companyIdOf(order.billingDetails?.kvkNumber, address.countryCode);
  const reference = present(order.billingDetails?.orderReference);
  const language = bolLanguage(shipment.language);
  return {
    // Left empty when bol has no name at all: the order is then refused with a field error, not guessed.
    name: joinPresent([billing.firstName, billing.surname]) || (companyName ?? ''),
    ...(companyName !== undefined && { companyName }),
    ...(email !== undefined && { email }),
    ...(vatId !== undefined && { vatId }),
    ...(companyId !== undefined && { companyId }),
    ...(reference !== undefined && { reference }),
    ...(language !== undefined && { language }),
    address,
  };
};

const lineOf = (item: BolOrderItem, quantity: number, vatClasses: BolProductVatClasses) => {
  const ean = item.product.ean.trim();
  const promotions = sum(item.discounts.map((discount) => decimal(String(discount.amount))));
  const discount =
    quantity === item.quantity ? promotions : round2(promotions.times(quantity).div(item.quantity));
  return {
    sku: present(item.offer?.reference) ?? ean,
    description: truncate(present(item.product.title) ?? `EAN ${ean}`, DESCRIPTION_MAX),
    quantity: String(quantity),
    // A JSON number from bol: String() gives its shortest decimal form ("12.99"), exact for cents.
    unitPrice: formatPrice(decimal(String(item.unitPrice))),
    vatClass: vatClasses[ean] ?? 'standard',
    supplyType: 'goods' as const,
    ...(discount.gt(0) && { discount: formatAmount(discount) }),
  };
};

export interface BolMappingOptions {
  /** EAN → VAT class of the merchant's products; EANs not listed are `standard`. */
  readonly productVatClasses?: BolProductVatClasses;
}

export const mapBolOrder = (order: PlacedBolOrder, options: BolMappingOptions = {}): ChannelOrder => {
  const vatClasses = options.productVatClasses ?? {};
  const base = { externalId: order.orderId, updatedAt: bolOrderUpdatedAt(order), refunds: [] };
  const bought = order.orderItems
    .map((item) => ({ item, quantity: item.quantity - item.quantityCancelled }))
    .filter(({ quantity }) => quantity > 0);
  if (order.orderItems.length > 0 && bought.length === 0)
    return { ...base, order: undefined, cancelled: true };
  const open = order.orderItems.some((item) => item.quantityShipped + item.quantityCancelled < item.quantity);
  if (bought.length === 0 || open) return { ...base, order: undefined, cancelled: false };
  const customer = customerOf(order);
  return {
    ...base,
    cancelled: false,
    order: {
      externalId: order.orderId,
      orderedAt: order.orderPlacedDateTime,
      currency: 'EUR',
      pricesIncludeVat: true,
      customer,
      shipTo: addressOf(order.shipmentDetails),
      lines: bought.map(({ item, quantity }) => lineOf(item, quantity, vatClasses)),
      payment: { status: 'paid', method: 'bol' },
    },
  };
};
