import type { Rule } from './rule.js';
import { EN16931_CALCULATION_RULES } from './rules/en16931-calculation.js';
import { EN16931_CODE_RULES } from './rules/en16931-codes.js';
import { EN16931_CORE_RULES } from './rules/en16931-core.js';
import { EN16931_DECIMAL_RULES } from './rules/en16931-decimals.js';
import { EN16931_VAT_RULES } from './rules/en16931-vat.js';
import { isNlcius, NLCIUS_RULES } from './rules/nlcius.js';
import { PEPPOL_RULES } from './rules/peppol.js';
import { PEPPOL_CODE_RULES } from './rules/peppol-codes.js';
import { PEPPOL_NL_RULES } from './rules/peppol-nl.js';
import { UBL_SYNTAX_RULES } from './rules/ubl-syntax.js';
import type { UblDocument } from './ubl-document.js';

/** A family of rules and the documents it applies to. */
export interface RuleFamily {
  readonly name: string;
  readonly appliesTo: (doc: UblDocument) => boolean;
  readonly rules: readonly Rule[];
}

/** One published set of validation artefacts, by the Peppol BIS Billing release it belongs to. */
export interface Ruleset {
  readonly peppolBis: string;
  /** The date from which this release is mandatory in the Peppol network. */
  readonly mandatoryFrom: string;
  /** CEN/TC 434 validation artefacts the release bundles. */
  readonly en16931: string;
  /** SI-UBL 2.0 (NLCIUS) schematron release used for NLCIUS documents. */
  readonly siUbl: string;
  readonly families: readonly RuleFamily[];
}

const PEPPOL_BIS_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
/**
 * The Peppol schematron is chosen by the document type, i.e. the CustomizationID; whether that identifier is
 * well-formed is then PEPPOL-EN16931-R004's business.
 */
const isPeppol = (doc: UblDocument) => doc.customizationId.startsWith(PEPPOL_BIS_3);

const always = () => true;

/**
 * Peppol BIS Billing 3.0.21, mandatory since 2026-08-24, with the EN 16931 validation artefacts 1.3.16 it
 * bundles. Provenance of the transcribed rules:
 * - EN 16931 (BR-*, BR-CO-*, BR-DEC-*, BR-CL-*, UBL-SR/DT/CR-*): the CEN/TC 434 UBL schematron
 *   (ConnectingEurope/eInvoicing-EN16931 `ubl/schematron/preprocessed/EN16931-UBL-validation-preprocessed.sch`
 *   and the copy OpenPeppol ships as `rules/sch/CEN-EN16931-UBL.sch`), with the 1.3.16 changes the Peppol
 *   3.0.21 release notes list (BR-CO-25 removed) and BR-CO-19 in the form CEN restored (issue #219).
 * - Peppol: OpenPeppol/peppol-bis-invoice-3 `rules/sch/PEPPOL-EN16931-UBL.sch`, "release 3.0.21".
 * - NLCIUS: peppolautoriteit-nl/validation `si-ubl-2.0-nlcius.sch`, SI-UBL 2.0.3.12 (tag 2025-11-27).
 */
const PEPPOL_3_0_21: Ruleset = {
  peppolBis: '3.0.21',
  mandatoryFrom: '2026-08-24',
  en16931: '1.3.16',
  siUbl: '2.0.3.12',
  families: [
    { name: 'EN 16931 core', appliesTo: always, rules: EN16931_CORE_RULES },
    { name: 'EN 16931 calculation', appliesTo: always, rules: EN16931_CALCULATION_RULES },
    { name: 'EN 16931 VAT', appliesTo: always, rules: EN16931_VAT_RULES },
    { name: 'EN 16931 decimals', appliesTo: always, rules: EN16931_DECIMAL_RULES },
    { name: 'EN 16931 code lists', appliesTo: always, rules: EN16931_CODE_RULES },
    { name: 'EN 16931 UBL syntax', appliesTo: always, rules: UBL_SYNTAX_RULES },
    { name: 'Peppol BIS Billing 3.0', appliesTo: isPeppol, rules: PEPPOL_RULES },
    { name: 'Peppol BIS code lists and identifiers', appliesTo: isPeppol, rules: PEPPOL_CODE_RULES },
    // The Dutch national rules are part of the Peppol schematron; they key on a Dutch supplier.
    {
      name: 'Peppol BIS national rules NL',
      appliesTo: (doc) => isPeppol(doc) && doc.sellerCountry === 'NL',
      rules: PEPPOL_NL_RULES,
    },
    { name: 'NLCIUS / SI-UBL 2.0', appliesTo: isNlcius, rules: NLCIUS_RULES },
  ],
};

/**
 * The rule sets by Peppol BIS release. 3.0.22 (mandatory from 2027-02-24) adds Slovak rules and German type
 * code 389 only; add it here as its own entry when it is published in full, and move RULESET_VERSION on the
 * date it becomes mandatory.
 */
export const RULESETS = { '3.0.21': PEPPOL_3_0_21 } as const satisfies Record<string, Ruleset>;
export type RulesetVersion = keyof typeof RULESETS;

export const RULESET_VERSION: RulesetVersion = '3.0.21';
