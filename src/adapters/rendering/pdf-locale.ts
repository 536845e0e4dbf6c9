import type { InvoiceDocument, VatCategory } from '../../domain/invoice/invoice-document.js';
import { de } from './pdf-locale-de.js';
import { en } from './pdf-locale-en.js';
import { fr } from './pdf-locale-fr.js';
import { nl } from './pdf-locale-nl.js';

type Language = InvoiceDocument['language'];

/** How numbers and dates are written; `money` places the currency symbol (or ISO code) and the sign. */
export interface NumberStyle {
  readonly decimal: string;
  readonly group: string;
  readonly money: (symbol: string, amount: string, sign: '' | '-') => string;
  readonly date: (year: string, month: string, day: string) => string;
}

/** Every text printed on the invoice PDF; functions take already formatted values. */
export interface InvoiceLabels {
  readonly title: string;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly supplyDate: string;
  readonly dueDate: string;
  readonly orderReference: string;
  readonly buyerReference: string;
  readonly customer: string;
  readonly deliveryAddress: string;
  readonly kvk: string;
  readonly vatId: string;
  readonly iban: string;
  readonly email: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly vatRate: string;
  readonly rate: string;
  readonly net: string;
  readonly sku: string;
  readonly discount: string;
  readonly allowancesCharges: string;
  readonly vatBreakdown: string;
  /** Names of the VAT categories other than S (standard and reduced rates show their rate alone). */
  readonly vatCategories: Readonly<Record<Exclude<VatCategory, 'S'>, string>>;
  readonly taxable: string;
  readonly vat: string;
  readonly lineNet: string;
  readonly allowances: string;
  readonly charges: string;
  readonly totalNet: string;
  readonly gross: string;
  readonly prepaid: string;
  readonly payable: string;
  readonly notes: string;
  readonly paid: string;
  readonly transfer: (amount: string, iban: string, payee: string, reference: string, due?: string) => string;
  readonly due: (amount: string, due?: string) => string;
  readonly pageOf: (page: number, pages: number) => string;
  /** BT-111 and the rate it was converted at (art. 230 Directive 2006/112/EC). */
  readonly vatInEuro: string;
  readonly exchangeRate: (rate: string, currency: string, date: string, source: string) => string;
  readonly creditNote: CreditNoteLabels;
}

/** What a credit note prints instead of, or besides, the invoice texts (domain.md §1.5). */
export interface CreditNoteLabels {
  readonly title: string;
  readonly number: string;
  readonly issueDate: string;
  readonly corrects: (invoiceNumber: string, invoiceDate: string) => string;
  readonly reason: string;
  /** BT-115 on a credit note: what the customer gets back or has set off, not an amount to pay. */
  readonly payable: string;
}

export interface InvoiceLocale {
  readonly labels: InvoiceLabels;
  readonly numbers: NumberStyle;
}

/** Every document language has its own labels and number style; the domain's notes come localised. */
const LOCALES: { readonly [language in Language]: InvoiceLocale } = { nl, en, de, fr };

export const localeFor = (language: Language): InvoiceLocale => LOCALES[language];
