import type { Selectable } from 'kysely';

export type InvoiceStatus = 'draft' | 'issued' | 'sent' | 'booked' | 'needs_attention';

/** Read model of invoices; `document` is the frozen InvoiceDocument of the InvoiceIssued event. */
export interface InvoicesTable {
  tenant_id: string;
  invoice_id: string;
  seq: string;
  order_id: string;
  type: 'invoice' | 'credit_note';
  number: string;
  issue_date: string;
  currency: string;
  status: InvoiceStatus;
  status_reason: string | null;
  net: string;
  vat: string;
  gross: string;
  document: unknown;
  pdf_sha256: string | null;
  ubl_sha256: string | null;
  sent: boolean;
  booked: boolean;
}
export type InvoiceRow = Selectable<InvoicesTable>;
