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
export const isoDateTime = z.iso.datetime({ offset: true });

export const addressSchema = z.object({
  street: text(200),
  postalCode: text(20),
  city: text(100),
  countryCode,
});
export type Address = z.infer<typeof addressSchema>;
