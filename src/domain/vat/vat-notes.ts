import type { Language } from '../i18n/translation.js';
import { translationFor } from '../i18n/translations.js';
import type { VatCategory } from '../invoice/invoice-document.js';

/** VATEX codes (CEF code list) for BT-121; E has none here because art. 11 covers many exemptions. */
const VATEX: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

/** The mandatory text of a VAT situation in the document language (BT-120) and its VATEX code (BT-121). */
export function exemptionFor(
  category: VatCategory,
  language: Language,
): { exemptionReason?: string; exemptionReasonCode?: string } {
  const text = category === 'S' || category === 'Z' ? undefined : translationFor(language).vatNotes[category];
  const code = VATEX[category];
  return {
    ...(text === undefined ? {} : { exemptionReason: text }),
    ...(code === undefined ? {} : { exemptionReasonCode: code }),
  };
}
