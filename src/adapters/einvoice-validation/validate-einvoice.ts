import type { Finding } from './rule.js';
import { RULESET_VERSION, RULESETS, type RulesetVersion } from './rulesets.js';
import { runRules } from './run-rules.js';
import { parseUblDocument, type UblDocumentType } from './ubl-document.js';
import { validateAgainstUblXsd } from './xsd.js';

export interface EInvoiceValidation {
  /** No fatal finding: the document may be sent. */
  readonly valid: boolean;
  readonly customizationId: string;
  readonly documentType: UblDocumentType;
  readonly rulesetVersion: RulesetVersion;
  readonly errors: Finding[];
  readonly warnings: Finding[];
}

/**
 * Validates a UBL 2.1 Invoice or CreditNote in-process, as an access point would before accepting it: the
 * UBL 2.1 XSD (findings `UBL-XSD`) and the business rules of the ruleset for the document's CustomizationID
 * (EN 16931 always; Peppol BIS and its Dutch rules for Peppol documents; SI-UBL 2.0 for NLCIUS documents).
 * Throws NotAUblDocumentError for XML that is not well-formed or not an Invoice/CreditNote at all.
 */
export const validateEInvoice = async (
  xml: string,
  { ruleset = RULESET_VERSION }: { ruleset?: RulesetVersion } = {},
): Promise<EInvoiceValidation> => {
  const doc = parseUblDocument(xml);
  const schema = await validateAgainstUblXsd(xml, doc.type);
  const findings: Finding[] = [
    ...schema.errors.map((message): Finding => ({ ruleId: 'UBL-XSD', flag: 'fatal', message })),
    ...RULESETS[ruleset].families
      .filter((family) => family.appliesTo(doc))
      .flatMap((family) => runRules(doc, family.rules)),
  ];
  if (!schema.valid && schema.errors.length === 0) {
    findings.unshift({
      ruleId: 'UBL-XSD',
      flag: 'fatal',
      message: 'The document does not validate against the UBL 2.1 schema.',
    });
  }
  const errors = findings.filter((finding) => finding.flag === 'fatal');
  return {
    valid: errors.length === 0,
    customizationId: doc.customizationId,
    documentType: doc.type,
    rulesetVersion: ruleset,
    errors,
    warnings: findings.filter((finding) => finding.flag === 'warning'),
  };
};

export type { Finding, Flag } from './rule.js';
export { RULESET_VERSION, type RulesetVersion } from './rulesets.js';
export { NotAUblDocumentError } from './ubl-document.js';
