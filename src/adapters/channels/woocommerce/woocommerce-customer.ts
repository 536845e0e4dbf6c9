import { z } from 'zod';
import type { OrderInput } from '../../../domain/order/order.js';
import type { FieldError } from '../../../domain/shared/errors.js';
import { isEuMemberState } from '../../../domain/vat/rates/eu-vat-rates.js';
import { hasValidCheckDigits, parseVatId } from '../../../domain/vat/vat-id/vat-id.js';
import type { WooAddress, WooOrder } from './woocommerce-order-schema.js';

/**
 * The buyer of a WooCommerce order: `billing` is who buys (and is invoiced), `shipping` where the
 * goods go when it differs. A field the invoice needs and the order lacks is a field error in
 * WooCommerce's own terms (`billing.country`), so the merchant knows what to fix in the shop.
 */

type Customer = OrderInput['customer'];
type Address = Customer['address'];
type Language = NonNullable<Customer['language']>;

/**
 * Order meta keys under which the common EU VAT plugins store the buyer's VAT number: WooCommerce
 * EU VAT Number (`_billing_vat_number`, formerly `_vat_number`), Aelia EU VAT Assistant
 * (`vat_number`), YITH WooCommerce EU VAT (`yweu_billing_vat`), and checkout-field plugins
 * (`billing_vat`, `_billing_eu_vat_number`).
 */
export const VAT_NUMBER_META_KEYS = [
  '_billing_vat_number',
  '_vat_number',
  'vat_number',
  'billing_vat',
  '_billing_eu_vat_number',
  'yweu_billing_vat',
] as const;

/** The order language WPML (WooCommerce Multilingual) records: what the buyer read the shop in. */
const WPML_LANGUAGE_KEY = 'wpml_language';
const INVOICE_LANGUAGES: readonly Language[] = ['nl', 'en', 'de', 'fr'];
const LANGUAGE_BY_COUNTRY: Readonly<Record<string, Language>> = {
  NL: 'nl',
  BE: 'nl',
  DE: 'de',
  AT: 'de',
  FR: 'fr',
};

/** What customerSchema accepts as a VAT identifier (order.ts). */
const VAT_ID_SHAPE = /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/;
const COUNTRY = /^[A-Z]{2}$/;

const vatPrefixOf = (countryCode: string): string => (countryCode === 'GR' ? 'EL' : countryCode);
const isEuVatPrefix = (prefix: string): boolean => isEuMemberState(prefix === 'EL' ? 'GR' : prefix);

const withPrefix = (compact: string, billingCountry: string): string => {
  const lettered = /^[A-Z]{2}/.test(compact);
  if (!isEuMemberState(billingCountry) || (lettered && isEuVatPrefix(compact.slice(0, 2)))) return compact;
  const prefixed = `${vatPrefixOf(billingCountry)}${compact}`;
  if (!lettered) return prefixed;
  // Two letters that are no EU prefix: another country's (GB, CH) — or the letter key a French
  // number starts with. Only the check digits can tell; without them the number stays as typed.
  return hasValidCheckDigits(prefixed) ? prefixed : compact;
};

/**
 * A VAT number as the buyer typed it ("0403.170.701", "nl 8594 98 522 b01"): upper case, without
 * spaces, dots and dashes, and with the billing country's prefix when the buyer left it out and the
 * billing country is in the EU (EL for Greece). undefined for an empty value; a value that still is
 * no VAT identifier comes back as `invalid`.
 */
export const normaliseVatNumber = (
  raw: string,
  billingCountry: string,
): { vatId: string } | { invalid: string } | undefined => {
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  if (compact === '') return undefined;
  const candidate = withPrefix(compact, billingCountry);
  const parsed = parseVatId(candidate);
  if (parsed) return { vatId: parsed.normalized };
  return VAT_ID_SHAPE.test(candidate) ? { vatId: candidate } : { invalid: candidate };
};

const metaText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

/** The buyer's VAT number from the order meta; two different ones are a conflict, not a choice. */
const vatIdOf = (order: WooOrder, billingCountry: string, errors: FieldError[]): string | undefined => {
  const found = new Set<string>();
  order.meta_data.forEach((meta, index) => {
    if (!(VAT_NUMBER_META_KEYS as readonly string[]).includes(meta.key)) return;
    const raw = metaText(meta.value);
    const field = `meta_data.${index}.value`;
    if (raw === undefined) {
      errors.push({ field, message: `${meta.key} is not a text, so it cannot be a VAT number` });
      return;
    }
    const normalised = normaliseVatNumber(raw, billingCountry);
    if (normalised === undefined) return;
    if ('invalid' in normalised) {
      errors.push({
        field,
        message: `${meta.key} "${raw}" is not a VAT identifier (country prefix and 2-13 characters)`,
      });
      return;
    }
    found.add(normalised.vatId);
  });
  if (found.size > 1) {
    errors.push({
      field: 'meta_data',
      message: `the order holds different VAT numbers (${[...found.keys()].join(', ')}); keep one`,
    });
    return undefined;
  }
  return found.values().next().value;
};

const languageOf = (order: WooOrder, countryCode: string): Language => {
  const wpml = metaText(order.meta_data.find((meta) => meta.key === WPML_LANGUAGE_KEY)?.value)
    ?.trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  const chosen = INVOICE_LANGUAGES.find((language) => language === wpml);
  return chosen ?? LANGUAGE_BY_COUNTRY[countryCode] ?? 'en';
};

const joinPresent = (...parts: string[]): string => parts.filter((part) => part !== '').join(' ');

/** An address the invoice can carry, or field errors under `prefix` (billing / shipping). */
const addressOf = (address: WooAddress, prefix: string, errors: FieldError[]): Address | undefined => {
  const before = errors.length;
  const street = joinPresent(address.address_1, address.address_2);
  const countryCode = address.country.toUpperCase();
  if (street === '') errors.push({ field: `${prefix}.address_1`, message: 'is empty' });
  if (address.postcode === '') errors.push({ field: `${prefix}.postcode`, message: 'is empty' });
  if (address.city === '') errors.push({ field: `${prefix}.city`, message: 'is empty' });
  if (!COUNTRY.test(countryCode)) {
    errors.push({
      field: `${prefix}.country`,
      message:
        countryCode === ''
          ? 'is empty: the buyer’s country decides the VAT'
          : `"${address.country}" is not an ISO 3166-1 alpha-2 code`,
    });
  }
  if (errors.length > before) return undefined;
  return { street, postalCode: address.postcode, city: address.city, countryCode };
};

const sameAddress = (a: Address, b: Address): boolean =>
  a.street === b.street &&
  a.postalCode === b.postalCode &&
  a.city === b.city &&
  a.countryCode === b.countryCode;

const isEmail = (value: string): boolean => z.email().safeParse(value).success;

export interface WooBuyer {
  readonly customer: Customer;
  readonly shipTo?: Address;
}

/** The customer and ship-to address of an order, or undefined with the reasons added to `errors`. */
export const buyerOf = (order: WooOrder, errors: FieldError[]): WooBuyer | undefined => {
  const before = errors.length;
  const { billing } = order;
  const address = addressOf(billing, 'billing', errors);
  const companyName = billing.company;
  const name = joinPresent(billing.first_name, billing.last_name) || companyName;
  if (name === '') {
    errors.push({ field: 'billing.first_name', message: 'the order names no buyer (nor company)' });
  }
  const countryCode = address?.countryCode ?? '';
  const vatId = vatIdOf(order, countryCode, errors);
  const shipping = order.shipping;
  // WooCommerce fills `shipping` with empty strings for orders without delivery (virtual products).
  const shipTo = shipping && shipping.address_1 !== '' ? addressOf(shipping, 'shipping', errors) : undefined;
  if (address === undefined || errors.length > before) return undefined;
  // The e-mail only serves sending the invoice; one our schema would refuse is left out, not the order.
  const email = billing.email !== undefined && isEmail(billing.email) ? billing.email : undefined;
  return {
    customer: {
      name,
      ...(companyName !== '' && { companyName }),
      ...(email !== undefined && { email }),
      ...(vatId !== undefined && { vatId }),
      language: languageOf(order, countryCode),
      address,
    },
    ...(shipTo !== undefined && !sameAddress(shipTo, address) && { shipTo }),
  };
};
