import type { Language } from './translation.js';
import { translationFor } from './translations.js';

/**
 * Amounts and dates in running text (the e-mail), as Intl writes them for the reader's locale: "1.234,56 €"
 * in German, "1 234,56 €" in French, "17. März 2025". Amounts go in as decimal strings, which Intl formats
 * exactly (no float). The PDF keeps its own NumberStyle: its bytes must not follow the ICU data of Node.
 */
export const intlMoney = (amount: string, currency: string, language: Language): string =>
  new Intl.NumberFormat(translationFor(language).locale, { style: 'currency', currency }).format(
    amount as `${number}`,
  );

/** An ISO date ("2025-03-17") as a written-out date; UTC, since the date is a calendar day, not an instant. */
export const intlDate = (isoDate: string, language: Language): string =>
  new Intl.DateTimeFormat(translationFor(language).locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
