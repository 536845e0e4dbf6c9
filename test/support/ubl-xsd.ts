import type { UblDocumentType } from '../../src/adapters/einvoice-validation/ubl-document.js';
import { validateAgainstUblXsd as validateWithRuntimeSchemas } from '../../src/adapters/einvoice-validation/xsd.js';

export type { UblDocumentType };

/**
 * Validates `xml` against the UBL 2.1 main document schema; structure only, not the EN 16931 business rules.
 * Delegates to the application's own validator, which reads the schemas shipped in `schemas/ubl-2.1`.
 */
export const validateAgainstUblXsd = (
  xml: string,
  documentType: UblDocumentType = 'Invoice',
): Promise<{ valid: boolean; errors: string[] }> => validateWithRuntimeSchemas(xml, documentType);
