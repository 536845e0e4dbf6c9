import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import type { InvoiceLabels } from '../../domain/i18n/translation.js';
import { translationFor } from '../../domain/i18n/translations.js';
import type { InvoiceDocument, InvoiceLine, VatBreakdown } from '../../domain/invoice/invoice-document.js';
import { decimal } from '../../domain/shared/money.js';
import { formatMoney, type InvoiceFormatter } from './pdf-format.js';

const header = (texts: string[], numericFrom: number): TableCell[] =>
  texts.map((text, index) => ({
    text,
    style: 'tableHeader',
    alignment: index >= numericFrom ? 'right' : 'left',
  }));

/** Numbers align right and never wrap, so "€" stays with its amount. */
const right = (text: string): TableCell => ({ text, alignment: 'right', noWrap: true });

const lineDescription = (line: InvoiceLine, labels: InvoiceLabels, format: InvoiceFormatter): Content => {
  const details = [
    line.sku ? `${labels.sku} ${line.sku}` : undefined,
    line.discount && !decimal(line.discount).eq(0)
      ? `${labels.discount} ${format.money(line.discount)}`
      : undefined,
  ].filter((detail) => detail !== undefined);
  return details.length === 0
    ? line.description
    : { stack: [line.description, { text: details.join(' · '), style: 'detail' }] };
};

/** The header row repeats on every page (`headerRows`), so long invoices stay readable when printed. */
export const linesTable = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
  layout: CustomTableLayout,
): Content => ({
  table: {
    headerRows: 1,
    dontBreakRows: true,
    widths: ['*', 'auto', 'auto', 'auto', 'auto'],
    body: [
      header([labels.description, labels.quantity, labels.unitPrice, labels.vatRate, labels.net], 1),
      ...invoice.lines.map((line) => [
        lineDescription(line, labels, format),
        right(format.quantity(line.quantity)),
        right(format.price(line.unitPrice)),
        right(format.percent(line.vatRate)),
        right(format.money(line.net)),
      ]),
    ],
  },
  layout,
});

/** Document-level allowances (shown negative) and charges such as shipping, each with its VAT rate. */
export const allowancesChargesTable = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
  layout: CustomTableLayout,
): Content[] => {
  if (invoice.allowancesCharges.length === 0) return [];
  return [
    { text: labels.allowancesCharges, style: 'sectionHeader' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto'],
        body: [
          header([labels.description, labels.vatRate, labels.net], 1),
          ...invoice.allowancesCharges.map((entry) => [
            entry.reason,
            right(format.percent(entry.vatRate)),
            right(format.money(entry.kind === 'allowance' ? `-${entry.amount}` : entry.amount)),
          ]),
        ],
      },
      layout,
    },
  ];
};

/**
 * Standard and reduced rates show their rate; other categories are named too (no rate for O, BR-O-05),
 * with the domain's exemption text (art. 226 (11)/(11a)) unless the name already says it ("Btw verlegd").
 */
const vatRateCell = (entry: VatBreakdown, labels: InvoiceLabels, format: InvoiceFormatter): Content => {
  const rate = format.percent(entry.rate);
  const name = entry.category === 'S' ? undefined : labels.vatCategories[entry.category];
  const heading = name === undefined ? rate : entry.category === 'O' ? name : `${rate} ${name}`;
  const reason = entry.exemptionReason ?? entry.exemptionReasonCode;
  return reason && reason !== name ? { stack: [heading, { text: reason, style: 'detail' }] } : heading;
};

export const vatBreakdownTable = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
  layout: CustomTableLayout,
): Content => ({
  table: {
    headerRows: 1,
    widths: ['*', 'auto', 'auto'],
    body: [
      header([labels.rate, labels.taxable, labels.vat], 1),
      ...invoice.vatBreakdown.map((entry) => [
        vatRateCell(entry, labels, format),
        right(format.money(entry.taxable)),
        right(format.money(entry.vat)),
      ]),
    ],
  },
  layout,
});

/** BT-111: the VAT total in EUR, in the document language's number style (art. 230 Directive 2006/112/EC). */
const vatInEuro = (invoice: InvoiceDocument): string | undefined =>
  invoice.taxCurrency &&
  formatMoney(
    invoice.taxCurrency.vat,
    invoice.taxCurrency.currency,
    translationFor(invoice.language).numbers,
  );

/** The exchange rate BT-111 was converted at, with its date and source (art. 91 Directive 2006/112/EC). */
export const exchangeRateNote = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
): Content[] => {
  const { taxCurrency } = invoice;
  if (taxCurrency === undefined) return [];
  const { rate, date, source } = taxCurrency.exchangeRate;
  return [
    {
      text: labels.exchangeRate(format.quantity(rate), invoice.currency, format.date(date), source),
      style: 'detail',
      margin: [0, 4, 0, 0],
    },
  ];
};

/** BT-106…BT-115; optional totals appear only when they are not zero. */
export const totalsTable = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
): Content => {
  const { totals } = invoice;
  const row = (label: string, value: string, bold = false): TableCell[] => [
    { text: label, bold },
    { text: format.money(value), alignment: 'right', noWrap: true, bold },
  ];
  const unlessZero = (label: string, value: string): TableCell[][] =>
    decimal(value).eq(0) ? [] : [row(label, value)];
  const euro = vatInEuro(invoice);
  return {
    table: {
      widths: ['*', 'auto'],
      body: [
        row(labels.lineNet, totals.lineNet),
        ...unlessZero(labels.allowances, `-${totals.allowances}`),
        ...unlessZero(labels.charges, totals.charges),
        row(labels.totalNet, totals.net),
        row(labels.vat, totals.vat),
        ...(euro === undefined
          ? []
          : [[{ text: labels.vatInEuro }, { text: euro, alignment: 'right', noWrap: true }] as TableCell[]]),
        row(labels.gross, totals.gross, true),
        ...unlessZero(labels.prepaid, `-${totals.prepaid}`),
        row(
          invoice.type === 'credit_note' ? labels.creditNote.payable : labels.payable,
          totals.payable,
          true,
        ),
      ],
    },
    layout: 'noBorders',
  };
};
