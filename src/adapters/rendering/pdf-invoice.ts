import pdfmake from 'pdfmake';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import { type Branding, DEFAULT_BRANDING } from '../../domain/tenant/branding.js';
import { cacheParsedFonts } from './fonts/font-cache.js';
import { FONT_FILES, FONTS } from './fonts/font-files.js';
import { embeddedFiles, type PdfAttachment } from './pdf-attachments.js';
import { documentDate, invoiceDocumentDefinition } from './pdf-invoice-layout.js';

export type { PdfAttachment } from './pdf-attachments.js';

export interface PdfRenderOptions {
  /** The tenant's `settings.branding`; without it the default accent colour, no logo, no footer line. */
  readonly branding?: Branding;
  /** Files to embed, e.g. the invoice's UBL XML (relationship 'Alternative') for a hybrid e-invoice. */
  readonly attachments?: readonly PdfAttachment[];
  /** Across every page, e.g. CONCEPT on a draft that is not an invoice (yet). */
  readonly watermark?: string;
}

let configured = false;

/**
 * pdfmake 0.3 on Node is a configured singleton. Configure it once: our fonts, parsed once per process,
 * no downloads, and local file access only to those fonts (an invoice text cannot make it read other files).
 */
const printer = (): typeof pdfmake => {
  if (!configured) {
    pdfmake.setFonts(FONTS);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path));
    cacheParsedFonts();
    configured = true;
  }
  return pdfmake;
};

const render = (
  invoice: InvoiceDocument,
  branding: Branding,
  attachments: readonly PdfAttachment[],
  watermark: string | undefined,
) =>
  printer()
    .createPdf({
      ...invoiceDocumentDefinition(invoice, branding),
      files: embeddedFiles(attachments, documentDate(invoice)),
      ...(watermark === undefined ? {} : { watermark: { text: watermark, opacity: 0.15, bold: true } }),
    })
    .getBuffer();

/**
 * The invoice as PDF; deterministic, so a re-render of the same invoice gives the same bytes and hash.
 * The settings only check a logo's signature, so pdfkit may still find it corrupt: the invoice is then
 * rendered without it, since an issued invoice must reach the customer whatever its letterhead. Any
 * other failure fails the second attempt too and is thrown.
 */
export const renderPdfInvoice = async (
  invoice: InvoiceDocument,
  options: PdfRenderOptions = {},
): Promise<Buffer> => {
  const { branding = DEFAULT_BRANDING, attachments = [], watermark } = options;
  if (branding.logo === undefined) return render(invoice, branding, attachments, watermark);
  try {
    return await render(invoice, branding, attachments, watermark);
  } catch {
    const { logo: _corrupt, ...withoutLogo } = branding;
    return render(invoice, withoutLogo, attachments, watermark);
  }
};
