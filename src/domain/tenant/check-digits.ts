/**
 * Check-digit validation for identifiers on an invoice. Integer arithmetic only; these are
 * identifiers, not amounts.
 */

/** IBAN (ISO 13616): move the country code and check digits to the end, letters → numbers, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Kamer van Koophandel number: exactly eight digits. */
export const isValidKvk = (kvk: string): boolean => /^\d{8}$/.test(kvk);
