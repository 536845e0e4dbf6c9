import { type Decimal, decimal, formatAmount, formatDecimal } from '../../../domain/shared/money.js';
import { XafInputError } from './xaf-errors.js';
import { codePointLength, sanitizeXmlText, truncateChars } from './xml-text.js';

/**
 * Checked conversions from the input model to the lexical forms of the XSD simple types. Identifiers are
 * rejected when too long (a cut account id would point at another account); descriptive text is truncated.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** XSD Amount2decimals: decimal, totalDigits 20, fractionDigits 2. Never rounds: a third decimal is an error. */
export const parseAmount = (value: string, what: string): Decimal => {
  if (!DECIMAL.test(value)) throw new XafInputError(`${what}: "${value}" is not a decimal amount`);
  const parsed = decimal(value);
  if (!parsed.round(2).eq(parsed)) throw new XafInputError(`${what}: "${value}" has more than two decimals`);
  // 18 integer digits + the 2 decimals we always write stay within totalDigits 20.
  if (parsed.abs().gte('1e18')) throw new XafInputError(`${what}: "${value}" exceeds 20 digits`);
  return parsed;
};

/** Lexical form with exactly two decimals ("121.00"). */
export const xafAmount = (value: string, what: string): string => formatAmount(parseAmount(value, what));

/** XSD Decimal8: ≥ 0, totalDigits 8, fractionDigits 3. */
export const xafPercentage = (value: string, what: string): string => {
  if (!DECIMAL.test(value) || value.startsWith('-')) {
    throw new XafInputError(`${what}: "${value}" is not a non-negative percentage`);
  }
  const parsed = decimal(value);
  if (!parsed.round(3).eq(parsed) || parsed.gte('100000')) {
    throw new XafInputError(`${what}: "${value}" does not fit decimal(8,3)`);
  }
  return formatDecimal(parsed);
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** xsd:date without time zone; a calendar date that exists ("2026-02-30" is refused). */
export const xafDate = (value: string, what: string): string => {
  const match = ISO_DATE.exec(value);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new XafInputError(`${what}: "${value}" is not a date (YYYY-MM-DD)`);
  }
  return value;
};

/** Identifiers and references (XSD IdentificationString35, String30 for VAT ids, String999 for docRef). */
export const xafIdentifier = (value: string, max: number, what: string): string => {
  const clean = sanitizeXmlText(value);
  if (clean !== value) throw new XafInputError(`${what}: "${value}" contains characters XML cannot carry`);
  if (clean.trim() === '') throw new XafInputError(`${what} is empty`);
  if (codePointLength(clean) > max) {
    throw new XafInputError(`${what}: "${value}" is longer than ${max} characters`);
  }
  return clean;
};

/** Names, descriptions, address parts: made XML-safe and cut to the XSD maxLength when it has one. */
export const xafText = (value: string, max?: number): string => {
  const clean = sanitizeXmlText(value);
  return max === undefined ? clean : truncateChars(clean, max);
};

/** XSD Nonnegativeinteger3 / Nonnegativeinteger10. */
export const xafCount = (value: number, digits: number, what: string): string => {
  if (!Number.isSafeInteger(value) || value < 0 || String(value).length > digits) {
    throw new XafInputError(`${what}: ${value} is not a non-negative integer of at most ${digits} digits`);
  }
  return String(value);
};

/** A code from an XSD enumeration; checked at run time too, since a wrong side ('d') would corrupt the totals. */
export const xafCode = <T extends string>(value: T, allowed: readonly T[], what: string): T => {
  if (!allowed.includes(value))
    throw new XafInputError(`${what}: "${value}" is not one of ${allowed.join(', ')}`);
  return value;
};

export const DEBIT_CREDIT = ['D', 'C'] as const;

/** ISO 3166-1 alpha-2 (the XSD enumerates the list; its validation catches an unknown code). */
export const xafCountry = (value: string, what: string): string => {
  if (!/^[A-Z]{2}$/.test(value))
    throw new XafInputError(`${what}: "${value}" is not an ISO 3166 country code`);
  return value;
};

/** ISO 4217. */
export const xafCurrency = (value: string, what: string): string => {
  if (!/^[A-Z]{3}$/.test(value))
    throw new XafInputError(`${what}: "${value}" is not an ISO 4217 currency code`);
  return value;
};

/**
 * EU VAT ids use prefixes that are not ISO 3166 codes (EL for Greece, XI for Northern Ireland); XAF's
 * taxRegistrationCountry is an ISO 3166 code, and the 3.2 list has GR and GB but neither EL nor XI.
 */
export const isoCountryOfVatPrefix = (prefix: string): string => {
  if (prefix === 'EL') return 'GR';
  if (prefix === 'XI') return 'GB';
  return prefix;
};
