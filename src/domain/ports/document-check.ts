import type { InvoiceDocument } from '../invoice/invoice-document.js';
import type { FieldError } from '../shared/errors.js';

/**
 * Everything that can refuse a document once it exists (the e-invoice rules: UBL XSD, EN 16931,
 * Peppol, NLCIUS), asked before a number is assigned so a number is only consumed by a document
 * that can be sent (invariant 2). Answers the findings under their official rule ids; [] = fine.
 */
export interface DocumentCheck {
  check(document: InvoiceDocument): Promise<readonly FieldError[]>;
}
