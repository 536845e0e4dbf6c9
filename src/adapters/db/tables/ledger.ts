import type { Selectable } from 'kysely';

/** Every journal line (sales and bank journals), in EUR, with the document it comes from. */
export interface JournalLinesTable {
  tenant_id: string;
  entry_id: string;
  line_no: number;
  seq: string;
  journal: 'sales' | 'bank';
  booking_date: string;
  document_id: string;
  document_number: string;
  document_type: 'invoice' | 'credit_note';
  customer_id: string;
  account: string;
  account_name: string;
  debit: string;
  credit: string;
  vat_category: string | null;
  vat_rate: string | null;
}
export type JournalLineRow = Selectable<JournalLinesTable>;

/**
 * One row per VAT breakdown entry of every issued document, in EUR and signed (credit notes
 * negative): the source of the VAT return, ICP and OSS figures, each traceable to its document.
 */
export interface VatLinesTable {
  tenant_id: string;
  document_id: string;
  line_no: number;
  seq: string;
  document_number: string;
  document_type: 'invoice' | 'credit_note';
  issue_date: string;
  supply_date: string;
  channel: string;
  customer_id: string;
  buyer_vat_id: string | null;
  buyer_country: string;
  category: string;
  rate: string;
  reporting_kind: 'nl-return' | 'oss' | 'foreign' | 'exempt' | 'outside-scope';
  box: string | null;
  country_code: string | null;
  icp: 'goods' | 'services' | null;
  /** Credit notes: the issue date of the invoice they correct (OSS corrections go to that period). */
  corrects_issue_date: string | null;
  taxable_eur: string;
  vat_eur: string;
}
export type VatLineRow = Selectable<VatLinesTable>;

/** Customers as they appear on issued documents (XAF customersSuppliers). */
export interface CustomersTable {
  tenant_id: string;
  customer_id: string;
  name: string;
  email: string | null;
  vat_id: string | null;
  country_code: string;
  is_business: boolean;
  street: string;
  postal_code: string;
  city: string;
}
export type CustomerRow = Selectable<CustomersTable>;
