/**
 * EU VAT identification numbers (Dir. 2006/112/EC art. 214-215): parsing and offline check-digit validation.
 *
 * A VAT ID is a two-letter member-state prefix plus a national number. The prefix is the ISO 3166 code
 * except for Greece, whose prefix is `EL` (ISO `GR`); we accept `GR…` as input because customers type it,
 * but always normalize to `EL…`, the form VIES and the ICP statement expect.
 *
 * Only the 27 member states are accepted. `XI` (Northern Ireland, usable for goods under the Windsor
 * Framework) is rejected on purpose: it is not a member state in our rate table, and jsvat 2.5.4 has no `XI`
 * rules (its United Kingdom entry matches `GB` only), so we could not check its digits.
 *
 * Check digits are validated with jsvat 2.5.4 (pure, MIT). It is a format/checksum test, NOT proof that the
 * number is registered — only VIES can say that (see `vat-id-verifier.ts`). For NL, jsvat accepts both the
 * classic 11-test and the mod-97 test of the btw-id issued to sole traders since 2020. The example IDs of
 * our API docs (NL859999999B01, NL859498522B01) pass neither: they are made-up numbers, so they are
 * rejected here by design.
 */
import { type Country, checkVAT, countries } from 'jsvat';
import { isEuMemberState } from '../rates/eu-vat-rates.js';

export interface ParsedVatId {
  /** ISO 3166-1 alpha-2 member state: `GR` for Greece. */
  readonly countryCode: string;
  /** VAT prefix as used by VIES and on invoices: `EL` for Greece, otherwise equal to `countryCode`. */
  readonly vatPrefix: string;
  /** The national number without prefix, upper case, no separators. */
  readonly number: string;
  /** `vatPrefix + number`. */
  readonly normalized: string;
}

/** VIES accepts 2 to 12 characters of digits, letters and (old Irish numbers) `+` / `*`. */
const NATIONAL_NUMBER = /^[0-9A-Z+*]{2,12}$/;

const isoFromPrefix = (prefix: string): string => (prefix === 'EL' ? 'GR' : prefix);
const prefixFromIso = (iso: string): string => (iso === 'GR' ? 'EL' : iso);

/**
 * Splits a VAT ID as typed by a person ("nl 8594.98.522 B01", "EL-094014201") into its parts.
 * Returns undefined when it has no member-state prefix or the rest cannot be a national number.
 */
export const parseVatId = (raw: string): ParsedVatId | undefined => {
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  const countryCode = isoFromPrefix(compact.slice(0, 2));
  const number = compact.slice(2);
  if (!isEuMemberState(countryCode) || !NATIONAL_NUMBER.test(number)) return undefined;
  const vatPrefix = prefixFromIso(countryCode);
  return { countryCode, vatPrefix, number, normalized: `${vatPrefix}${number}` };
};

/** jsvat's country rules for exactly the 27 member states, by ISO code (jsvat files Greece under `GR`). */
const rulesByCountry: ReadonlyMap<string, Country> = new Map(
  countries.filter((c) => isEuMemberState(c.codes[0] ?? '')).map((c) => [c.codes[0] ?? '', c]),
);

/**
 * True when the VAT ID has a member-state prefix and a national number whose format and check digits are
 * right. jsvat only accepts Greek numbers with the `EL` prefix, so we always pass the normalized form, and
 * only the rules of the parsed country, so a number can never pass under another country's rules.
 */
export const hasValidCheckDigits = (vatId: string): boolean => {
  const parsed = parseVatId(vatId);
  const rules = parsed && rulesByCountry.get(parsed.countryCode);
  if (!parsed || !rules) return false;
  return checkVAT(parsed.normalized, [rules]).isValid;
};

/** ISO 3166 country of a VAT ID's prefix (Greece's prefix EL is GR). */
export const vatIdCountry = (vatId: string): string => isoFromPrefix(vatId.slice(0, 2).toUpperCase());
