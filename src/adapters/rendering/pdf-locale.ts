import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';

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

const nl: InvoiceLocale = {
  numbers: {
    decimal: ',',
    group: '.',
    money: (symbol, amount, sign) => `${symbol} ${sign}${amount}`,
    date: (year, month, day) => `${day}-${month}-${year}`,
  },
  labels: {
    title: 'Factuur',
    invoiceNumber: 'Factuurnummer',
    issueDate: 'Factuurdatum',
    supplyDate: 'Leverdatum',
    dueDate: 'Vervaldatum',
    orderReference: 'Bestelling',
    buyerReference: 'Uw referentie',
    deliveryAddress: 'Afleveradres',
    kvk: 'KvK',
    vatId: 'Btw-nr.',
    iban: 'IBAN',
    email: 'E-mail',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs',
    vatRate: 'Btw',
    rate: 'Tarief',
    net: 'Bedrag',
    sku: 'Art.nr.',
    discount: 'Korting',
    allowancesCharges: 'Kortingen en toeslagen',
    vatBreakdown: 'Btw-specificatie',
    taxable: 'Grondslag',
    vat: 'Btw',
    lineNet: 'Subtotaal',
    allowances: 'Kortingen',
    charges: 'Toeslagen',
    totalNet: 'Totaal excl. btw',
    gross: 'Totaal incl. btw',
    prepaid: 'Reeds betaald',
    payable: 'Te betalen',
    notes: 'Opmerkingen',
    paid: 'Deze factuur is al betaald.',
    transfer: (amount, iban, payee, reference, due) =>
      `Graag ${amount} ${due ? `uiterlijk ${due} ` : ''}overmaken naar ${iban} t.n.v. ${payee} o.v.v. ${reference}.`,
    due: (amount, due) => `Te betalen: ${amount}${due ? ` uiterlijk ${due}` : ''}.`,
    pageOf: (page, pages) => `Pagina ${page} van ${pages}`,
    vatInEuro: 'Btw in EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Wisselkoers: 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    creditNote: {
      title: 'Creditnota',
      number: 'Creditnotanummer',
      issueDate: 'Datum',
      corrects: (number, date) => `Correctie op factuur ${number} van ${date}`,
      reason: 'Reden',
      payable: 'Gecrediteerd bedrag',
    },
  },
};

const en: InvoiceLocale = {
  numbers: {
    decimal: '.',
    group: ',',
    money: (symbol, amount, sign) => `${sign}${symbol}${symbol.length === 1 ? '' : ' '}${amount}`,
    // ISO order: unambiguous for every English-reading customer.
    date: (year, month, day) => `${year}-${month}-${day}`,
  },
  labels: {
    title: 'Invoice',
    invoiceNumber: 'Invoice number',
    issueDate: 'Invoice date',
    supplyDate: 'Delivery date',
    dueDate: 'Due date',
    orderReference: 'Order',
    buyerReference: 'Your reference',
    deliveryAddress: 'Delivery address',
    kvk: 'CoC (KvK)',
    vatId: 'VAT ID',
    iban: 'IBAN',
    email: 'Email',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    vatRate: 'VAT',
    rate: 'Rate',
    net: 'Amount',
    sku: 'SKU',
    discount: 'Discount',
    allowancesCharges: 'Allowances and charges',
    vatBreakdown: 'VAT breakdown',
    taxable: 'Taxable amount',
    vat: 'VAT',
    lineNet: 'Subtotal',
    allowances: 'Allowances',
    charges: 'Charges',
    totalNet: 'Total excl. VAT',
    gross: 'Total incl. VAT',
    prepaid: 'Already paid',
    payable: 'Amount due',
    notes: 'Notes',
    paid: 'This invoice has already been paid.',
    transfer: (amount, iban, payee, reference, due) =>
      `Please transfer ${amount}${due ? ` by ${due}` : ''} to ${iban} (${payee}), quoting ${reference}.`,
    due: (amount, due) => `Amount due: ${amount}${due ? ` by ${due}` : ''}.`,
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    vatInEuro: 'VAT in EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Exchange rate: 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    creditNote: {
      title: 'Credit note',
      number: 'Credit note number',
      issueDate: 'Credit note date',
      corrects: (number, date) => `Corrects invoice ${number} of ${date}`,
      reason: 'Reason',
      payable: 'Amount credited',
    },
  },
};

/** One entry per language; German and French fall back to English until their entries are added. */
const LOCALES: { readonly [language in Language]?: InvoiceLocale } = { nl, en };

export const localeFor = (language: Language): InvoiceLocale => LOCALES[language] ?? en;
