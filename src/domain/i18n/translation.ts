import type { InvoiceDocument, VatCategory } from '../invoice/invoice-document.js';
import type { NumberStyle } from './number-style.js';

/** The languages a buyer can read documents and e-mails in; every one has a complete `Translation`. */
export type Language = InvoiceDocument['language'];

/** The VAT categories that carry a mandatory text (S and Z need none). */
export type NotedVatCategory = Exclude<VatCategory, 'S' | 'Z'>;

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
  /** A line's discount, and the reason (BT-97) of an order discount whose order names none. */
  readonly discount: string;
  /** The reason (BT-104) of a shipping charge whose order names none. */
  readonly shipping: string;
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
  /** Settlement of a paid invoice (PDF and BT-20). */
  readonly refund: string;
  /** Settlement against the open invoice, UNCL4461 97 (PDF and BT-20). */
  readonly setOff: (invoiceNumber: string) => string;
  /** The lump line of an amount credit note. */
  readonly lineReference: (invoiceNumber: string, invoiceDate: string) => string;
  /** The allowance that takes back what an earlier amount credit note refunded. */
  readonly refundedEarlier: string;
  /** A line crediting what is left of an invoice whose lines were credited by amount. */
  readonly remainder: (invoiceNumber: string) => string;
}

/** What the e-mail says, every value already formatted for the reader. */
export interface EmailFacts {
  readonly type: InvoiceDocument['type'];
  readonly number: string;
  readonly issueDate: string;
  readonly orderReference: string;
  readonly recipient: string;
  readonly seller: string;
  /** The gross total (BT-112). */
  readonly total: string;
  /** Invoices with something left to pay: the amount (BT-115) and, when there is one, the due date. */
  readonly due?: { readonly amount: string; readonly date?: string };
}

export interface EmailTexts {
  readonly subject: (facts: EmailFacts) => string;
  readonly body: (facts: EmailFacts) => string;
}

/** Everything a buyer reads, in one language: PDF, credit-note wording, legal notes and e-mail. */
export interface Translation {
  /** BCP 47 tag for Intl, which writes the amounts and dates of running text (the e-mail). */
  readonly locale: string;
  readonly numbers: NumberStyle;
  readonly labels: InvoiceLabels;
  /**
   * Mandatory invoice texts per VAT situation (art. 226 (11)/(11a) Directive 2006/112/EC; art. 35a Wet
   * OB 1968; domain.md §1.4): the exemption reason (BT-120) and an invoice note.
   */
  readonly vatNotes: Readonly<Record<NotedVatCategory, string>>;
  readonly email: EmailTexts;
}
