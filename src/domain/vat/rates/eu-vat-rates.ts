/**
 * Lookup of the dated EU VAT rate table: which rate applied in a member state on a given tax-point date.
 * Pure, no I/O; the data and the choice of "reduced" per country are documented in `eu-vat-rate-table.ts`.
 */
import {
  EU_MEMBER_STATES,
  EU_VAT_RATES,
  VAT_RATE_TABLE_START,
  type VatRateKind,
  type VatRatePeriod,
} from './eu-vat-rate-table.js';

export type { CountryVatRates, VatRateKind, VatRatePeriod } from './eu-vat-rate-table.js';
export { EU_MEMBER_STATES, EU_VAT_RATES, VAT_RATE_TABLE_START };

const memberStates = new Set(EU_MEMBER_STATES);

/** True for the ISO codes of the 27 member states. Greece is `GR`; the VAT prefix `EL` is not a country. */
export const isEuMemberState = (countryCode: string): boolean => memberStates.has(countryCode);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const assertIsoDate = (date: string): void => {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new Error(`VAT rate lookup needs a calendar date as YYYY-MM-DD, got "${date}"`);
  }
};

/**
 * The `kind` rate of `countryCode` in force on `date` (the tax point, YYYY-MM-DD), as a decimal string.
 * Throws for a country outside the EU (no EU rate exists: export/0 % is a different decision) and for a
 * date before the table starts (we would otherwise silently apply a rate we never recorded).
 */
export const vatRateOn = (countryCode: string, kind: VatRateKind, date: string): string => {
  const rates = isEuMemberState(countryCode) ? EU_VAT_RATES[countryCode] : undefined;
  if (!rates) {
    throw new Error(
      `No EU VAT rate for "${countryCode}": not an EU member state (use ISO codes, GR for Greece)`,
    );
  }
  assertIsoDate(date);
  // ISO dates compare correctly as strings; periods are sorted ascending by `from`.
  const current = rates[kind].reduce<VatRatePeriod | undefined>(
    (found, period) => (period.from <= date ? period : found),
    undefined,
  );
  if (!current) {
    throw new Error(
      `No ${kind} VAT rate for ${countryCode} on ${date}: the rate table starts on ${VAT_RATE_TABLE_START}`,
    );
  }
  return current.rate;
};
