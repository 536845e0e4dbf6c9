import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { invoiceDocumentDefinition } from './pdf-invoice-layout.js';

const require = createRequire(import.meta.url);
/** pdfmake ships Roboto as TTF; embedding it keeps "€" and accented names intact (the standard 14 fonts cannot). */
const roboto = (file: string): string => require.resolve(`pdfmake/fonts/Roboto/${file}`);
const FONTS = {
  Roboto: {
    normal: roboto('Roboto-Regular.ttf'),
    bold: roboto('Roboto-Medium.ttf'),
    italics: roboto('Roboto-Italic.ttf'),
    bolditalics: roboto('Roboto-MediumItalic.ttf'),
  },
};
const FONT_FILES = new Set(Object.values(FONTS.Roboto));

let configured = false;

/**
 * pdfmake 0.3 on Node is a configured singleton. Configure it once: our fonts, no downloads, and local
 * file access only to those fonts (an invoice text cannot make it read other files).
 */
const printer = (): typeof pdfmake => {
  if (!configured) {
    pdfmake.setFonts(FONTS);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path));
    configured = true;
  }
  return pdfmake;
};

/** The invoice as PDF; deterministic, so a re-render of the same invoice gives the same bytes and hash. */
export const renderPdfInvoice = (invoice: InvoiceDocument): Promise<Buffer> =>
  printer().createPdf(invoiceDocumentDefinition(invoice)).getBuffer();
