import type { DocumentCheck } from '../../domain/ports/document-check.js';
import { renderUblInvoice } from '../rendering/ubl-invoice.js';
import { validateEInvoice } from './validate-einvoice.js';

/** The document as it will be rendered, validated as it will be validated before sending. */
export const einvoiceDocumentCheck: DocumentCheck = {
  async check(document) {
    const verdict = await validateEInvoice(renderUblInvoice(document));
    return verdict.errors.map((finding) => ({ field: finding.ruleId, message: finding.message }));
  },
};
