import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { decimal } from '../../domain/shared/money.js';
import type { Address } from '../../domain/shared/schemas.js';
import { creditNoteSettlement } from './credit-note-texts.js';
import { isCreditTransfer } from './payment-means.js';
import { correctionBlock, documentHeadings } from './pdf-credit-note.js';
import { formatterFor, type InvoiceFormatter } from './pdf-format.js';
import {
  allowancesChargesTable,
  exchangeRateNote,
  linesTable,
  totalsTable,
  vatBreakdownTable,
} from './pdf-invoice-tables.js';
import { type InvoiceLabels, localeFor } from './pdf-locale.js';

/** Fixed producer so the bytes depend on the invoice alone. */
const PRODUCER = 'Autofactuur';

const addressLines = (address: Address): string[] => [
  address.street,
  `${address.postalCode} ${address.city}`,
  address.countryCode,
];

const sameAddress = (a: Address, b: Address): boolean =>
  a.street === b.street &&
  a.postalCode === b.postalCode &&
  a.city === b.city &&
  a.countryCode === b.countryCode;

const sellerBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content => {
  const { seller } = invoice;
  return {
    stack: [
      { text: seller.name, style: 'partyName' },
      ...addressLines(seller.address),
      `${labels.kvk} ${seller.kvk}`,
      `${labels.vatId} ${seller.vatId}`,
      `${labels.iban} ${seller.iban}`,
      `${labels.email} ${seller.email}`,
    ],
    alignment: 'right',
  };
};

const buyerBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content => {
  const { buyer, deliveryAddress } = invoice;
  const lines: Content[] = [{ text: buyer.name, style: 'partyName' }];
  if (buyer.contactName && buyer.contactName !== buyer.name) lines.push(buyer.contactName);
  lines.push(...addressLines(buyer.address));
  if (buyer.vatId) lines.push(`${labels.vatId} ${buyer.vatId}`);
  if (!sameAddress(buyer.address, deliveryAddress)) {
    lines.push({ text: labels.deliveryAddress, style: 'label', margin: [0, 6, 0, 0] });
    lines.push(...addressLines(deliveryAddress));
  }
  return { stack: lines };
};

const metaTable = (invoice: InvoiceDocument, labels: InvoiceLabels, format: InvoiceFormatter): Content => {
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
      widths: ['auto', '*'],
      body: rows
        .filter((row): row is [string, string] => row[1] !== undefined)
        .map(([label, value]) => [{ text: label, style: 'label' }, value]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 8],
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

const notesBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content[] =>
  invoice.notes.length === 0
    ? []
    : [{ text: labels.notes, style: 'sectionHeader' }, ...invoice.notes.map((note) => ({ text: note }))];

/** The pdfmake document for an invoice; pure, so the same invoice always lays out the same. */
export const invoiceDocumentDefinition = (invoice: InvoiceDocument): TDocumentDefinitions => {
  const { labels, numbers } = localeFor(invoice.language);
  const format = formatterFor(invoice.currency, numbers);
  const { title } = documentHeadings(invoice, labels);
  // Metadata dates come from the invoice, not the clock: identical input gives identical bytes.
  const issued = new Date(`${invoice.issueDate}T00:00:00Z`);
  const { seller } = invoice;
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 60],
    language: invoice.language,
    info: {
      title: `${title} ${invoice.number}`,
      author: seller.name,
      creator: PRODUCER,
      producer: PRODUCER,
      creationDate: issued,
      modDate: issued,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 16, 0, 8] },
      partyName: { fontSize: 11, bold: true },
      label: { color: '#555555' },
      sectionHeader: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
      tableHeader: { bold: true },
      detail: { fontSize: 8, color: '#555555' },
    },
    content: [
      { columns: [buyerBlock(invoice, labels), sellerBlock(invoice, labels)] },
      { text: title, style: 'title' },
      ...correctionBlock(invoice, labels, format),
      metaTable(invoice, labels, format),
      linesTable(invoice, labels, format),
      ...allowancesChargesTable(invoice, labels, format),
      {
        columns: [
          {
            stack: [
              { text: labels.vatBreakdown, style: 'sectionHeader' },
              vatBreakdownTable(invoice, labels, format),
            ],
          },
          // An empty heading keeps the totals level with the VAT table beside them.
          { stack: [{ text: ' ', style: 'sectionHeader' }, totalsTable(invoice, labels, format)] },
        ],
        columnGap: 24,
        // The VAT breakdown and the totals are read together; never split them over two pages.
        unbreakable: true,
      },
      ...exchangeRateNote(invoice, labels, format),
      ...notesBlock(invoice, labels),
      { text: paymentText(invoice, labels, format), margin: [0, 12, 0, 0] },
    ],
    footer: (page, pages) => ({
      columns: [
        {
          text: `${labels.kvk} ${seller.kvk} · ${labels.vatId} ${seller.vatId} · ${labels.iban} ${seller.iban}`,
        },
        { text: labels.pageOf(page, pages), alignment: 'right', width: 'auto' },
      ],
      margin: [40, 24, 40, 0],
      fontSize: 8,
      color: '#555555',
    }),
  };
};
