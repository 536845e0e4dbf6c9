import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { InvoiceLabels } from '../../domain/i18n/translation.js';
import { translationFor } from '../../domain/i18n/translations.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { decimal } from '../../domain/shared/money.js';
import type { Branding } from '../../domain/tenant/branding.js';
import { creditNoteSettlement } from './credit-note-texts.js';
import { withFontFallback } from './fonts/font-fallback.js';
import { LATIN_FONT } from './fonts/font-files.js';
import { isCreditTransfer } from './payment-means.js';
import { accentTableLayout, brandStyles, logoBlock, logoImages, pageFooter } from './pdf-branding.js';
import { correctionBlock, documentHeadings } from './pdf-credit-note.js';
import { formatterFor, type InvoiceFormatter } from './pdf-format.js';
import {
  allowancesChargesTable,
  exchangeRateNote,
  linesTable,
  totalsTable,
  vatBreakdownTable,
} from './pdf-invoice-tables.js';
import { buyerBlock, sellerBlock } from './pdf-parties.js';

/** Fixed producer so the bytes depend on the invoice alone. */
const PRODUCER = 'Autofactuur';

const metaTable = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  format: InvoiceFormatter,
): ContentTable => {
  const headings = documentHeadings(invoice, labels);
  const rows: [string, string | undefined][] = [
    [headings.number, invoice.number],
    [headings.issueDate, format.date(invoice.issueDate)],
    [labels.supplyDate, format.date(invoice.supplyDate)],
    // A credit note is settled by the seller at once; a due date would read as a demand to pay.
    [
      labels.dueDate,
      invoice.type === 'invoice' && invoice.dueDate ? format.date(invoice.dueDate) : undefined,
    ],
    [labels.orderReference, invoice.orderReference || undefined],
    [labels.buyerReference, invoice.buyerReference || undefined],
  ];
  return {
    table: {
      widths: ['auto', 'auto'],
      body: rows
        .filter((row): row is [string, string] => row[1] !== undefined)
        .map(([label, value]) => [{ text: label, style: 'label' }, value]),
    },
    layout: 'noBorders',
  };
};

/**
 * What the customer still has to do: nothing, transfer to the IBAN (BR-61 names it), or pay otherwise. A
 * credit note says how the seller settles it instead.
 */
const paymentText = (invoice: InvoiceDocument, labels: InvoiceLabels, format: InvoiceFormatter): string => {
  const { totals, payment, seller } = invoice;
  if (invoice.type === 'credit_note') return creditNoteSettlement(invoice);
  if (decimal(totals.payable).eq(0)) return labels.paid;
  const amount = format.money(totals.payable);
  const due = invoice.dueDate && format.date(invoice.dueDate);
  return isCreditTransfer(payment.meansCode)
    ? labels.transfer(amount, seller.iban, seller.name, invoice.number, due)
    : labels.due(amount, due);
};

/** BT-22: the domain's notes, already in the document language (exemption and reverse-charge texts among them). */
const notesBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content[] =>
  invoice.notes.length === 0
    ? []
    : [{ text: labels.notes, style: 'sectionHeader' }, ...invoice.notes.map((note) => ({ text: note }))];

/** Every date in the file's metadata is the issue date, never the clock: identical input, identical bytes. */
export const documentDate = (invoice: InvoiceDocument): Date => new Date(`${invoice.issueDate}T00:00:00Z`);

/** The pdfmake document for an invoice; pure, so the same invoice always lays out the same. */
export const invoiceDocumentDefinition = (
  invoice: InvoiceDocument,
  branding: Branding,
): TDocumentDefinitions => {
  const { labels, numbers } = translationFor(invoice.language);
  const format = formatterFor(invoice.currency, numbers);
  const table = accentTableLayout(branding);
  const { title } = documentHeadings(invoice, labels);
  const issued = documentDate(invoice);
  const content: Content = [
    { columns: [logoBlock(branding), sellerBlock(invoice, labels)] },
    { text: title, style: 'title' },
    ...correctionBlock(invoice, labels, format),
    {
      columns: [buyerBlock(invoice, labels), { ...metaTable(invoice, labels, format), width: 'auto' }],
      columnGap: 24,
      margin: [0, 0, 0, 12],
    },
    linesTable(invoice, labels, format, table),
    ...allowancesChargesTable(invoice, labels, format, table),
    {
      stack: [
        { text: labels.vatBreakdown, style: 'sectionHeader' },
        vatBreakdownTable(invoice, labels, format, table),
        { columns: [{ text: '' }, totalsTable(invoice, labels, format)], margin: [0, 8, 0, 0] },
      ],
      // The VAT breakdown and the totals are read together; never split them over two pages.
      unbreakable: true,
    },
    ...exchangeRateNote(invoice, labels, format),
    ...notesBlock(invoice, labels),
    { text: paymentText(invoice, labels, format), margin: [0, 12, 0, 0] },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, branding.footerText === undefined ? 60 : 72],
    language: invoice.language,
    info: {
      title: `${title} ${invoice.number}`,
      author: invoice.seller.name,
      creator: PRODUCER,
      producer: PRODUCER,
      creationDate: issued,
      modDate: issued,
    },
    images: logoImages(branding),
    defaultStyle: { font: LATIN_FONT, fontSize: 9 },
    styles: brandStyles(branding),
    content: withFontFallback(content),
    footer: pageFooter(invoice, labels, branding),
  };
};
