import { z } from 'zod';
import { text } from './text.js';

/** Decimal strings at every edge: money and quantities are never JSON numbers. */
export const decimalString = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be a decimal string such as "12.50"');

export const amountString = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a non-negative amount with at most 2 decimals, e.g. "12.50"');

export const positiveQuantityString = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,4})?$/, 'must be a positive decimal string such as "2"')
  .refine((value) => !/^[0.]+$/.test(value), 'must be greater than zero');

export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "NL"');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/**
 * A day that exists, YYYY-MM-DD, in years of four digits: from 1000-01-01 (JavaScript reads years below
 * 100 as 19xx) to 9999-12-30 (a range ending then still has a day after it).
 */
export const isCalendarDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toISOString().slice(0, 10) === value && value >= '1000-01-01' && value < '9999-12-31';
};

/** A date a range or a report starts or ends on: "2026-02-30" and "0000-01-01" are refused. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'must be a date that exists, from 1000-01-01 to 9999-12-30');

export const isoDateTime = z.iso.datetime({ offset: true });

export const addressSchema = z.object({
  street: text(200),
  postalCode: text(20),
  city: text(100),
  countryCode,
});
export type Address = z.infer<typeof addressSchema>;
