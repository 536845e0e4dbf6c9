import type { VatCategory } from '../invoice/invoice-document.js';

export type InvoiceLanguage = 'nl' | 'en' | 'de' | 'fr';

/**
 * Mandatory invoice texts per VAT situation (art. 226 (11)/(11a) Directive 2006/112/EC;
 * art. 35a Wet OB 1968; domain.md §1.4). They are the exemption reason (BT-120) and an invoice note.
 */
const TEXTS: Partial<Record<VatCategory, Record<InvoiceLanguage, string>>> = {
  AE: {
    nl: 'Btw verlegd',
    en: 'Reverse charge',
    de: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)',
    fr: 'Autoliquidation',
  },
  K: {
    nl: 'Intracommunautaire levering, vrijgesteld (art. 138 Richtlijn 2006/112/EG)',
    en: 'Intra-Community supply, exempt (art. 138 Directive 2006/112/EC)',
    de: 'Steuerfreie innergemeinschaftliche Lieferung (Art. 138 Richtlinie 2006/112/EG)',
    fr: 'Livraison intracommunautaire exonérée (art. 138 directive 2006/112/CE)',
  },
  G: {
    nl: 'Uitvoer buiten de EU, 0 % (art. 146 Richtlijn 2006/112/EG)',
    en: 'Export outside the EU, exempt (art. 146 Directive 2006/112/EC)',
    de: 'Steuerfreie Ausfuhrlieferung (Art. 146 Richtlinie 2006/112/EG)',
    fr: 'Exportation hors UE exonérée (art. 146 directive 2006/112/CE)',
  },
  E: {
    nl: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
    en: 'Exempt from VAT (art. 11 Dutch VAT Act 1968)',
    de: 'Von der Umsatzsteuer befreit (Art. 11 niederländisches UStG 1968)',
    fr: 'Exonéré de TVA (art. 11 loi néerlandaise sur la TVA 1968)',
  },
  O: {
    nl: 'Niet onderworpen aan btw in Nederland (dienst aan een ondernemer buiten de EU)',
    en: 'Not subject to VAT in the Netherlands (service to a business outside the EU)',
    de: 'In den Niederlanden nicht steuerbar (Leistung an einen Unternehmer außerhalb der EU)',
    fr: 'Non soumis à la TVA aux Pays-Bas (service à un assujetti hors UE)',
  },
};

/** VATEX codes (CEF code list) for BT-121; E has none here because art. 11 covers many exemptions. */
const VATEX: Partial<Record<VatCategory, string>> = {
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

export function exemptionFor(
  category: VatCategory,
  language: InvoiceLanguage,
): { exemptionReason?: string; exemptionReasonCode?: string } {
  const text = TEXTS[category]?.[language];
  const code = VATEX[category];
  return {
    ...(text === undefined ? {} : { exemptionReason: text }),
    ...(code === undefined ? {} : { exemptionReasonCode: code }),
  };
}
