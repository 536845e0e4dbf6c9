import type { Content, CustomTableLayout, DynamicContent, Style } from 'pdfmake/interfaces.js';
import type { InvoiceLabels } from '../../domain/i18n/translation.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import type { Branding } from '../../domain/tenant/branding.js';
import { withFontFallback } from './fonts/font-fallback.js';

const LOGO = 'logo';
const MUTED = '#555555';
const RULE = '#BBBBBB';
/** A4 (595.28 pt) less the 40 pt side margins of the layout. */
const A4_CONTENT_WIDTH = 515;

/** The logo as a pdfmake image resource; pdfkit decodes PNG and JPEG from the data URL. */
export const logoImages = ({ logo }: Branding): Record<string, string> =>
  logo === undefined ? {} : { [LOGO]: `data:${logo.mediaType};base64,${logo.dataBase64}` };

/** Top left, scaled into a box that keeps the letterhead the same height whatever the logo's size. */
export const logoBlock = ({ logo }: Branding): Content =>
  logo === undefined ? { text: '' } : { image: LOGO, fit: [160, 60] };

/** Black or white, whichever contrasts more with the accent colour (WCAG 2 relative luminance). */
const textColorOn = (hex: string): string => {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (luminance + 0.05) ** 2 > 0.0525 ? '#000000' : '#FFFFFF';
};

/** Headings, the seller's name and table headers in the tenant's accent colour. */
export const brandStyles = ({ accentColor }: Branding): Record<string, Style> => ({
  title: { fontSize: 20, bold: true, color: accentColor, margin: [0, 16, 0, 8] },
  sellerName: { fontSize: 11, bold: true, color: accentColor },
  partyName: { fontSize: 11, bold: true },
  label: { color: MUTED },
  sectionHeader: { fontSize: 11, bold: true, color: accentColor, margin: [0, 12, 0, 4] },
  tableHeader: { bold: true, color: textColorOn(accentColor) },
  detail: { fontSize: 8, color: MUTED },
});

/** Light rules between rows under a header row filled with the accent colour (repeated on every page). */
export const accentTableLayout = ({ accentColor }: Branding): CustomTableLayout => ({
  fillColor: (row) => (row === 0 ? accentColor : null),
  hLineWidth: (line, node) => (line === 0 || line === 1 || line === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingTop: () => 3,
  paddingBottom: () => 3,
});

/**
 * On every page: the tenant's own line, then the seller's KvK number, VAT ID and IBAN, and "page x of y",
 * so a loose page still identifies its issuer.
 */
export const pageFooter = (
  invoice: InvoiceDocument,
  labels: InvoiceLabels,
  branding: Branding,
): DynamicContent => {
  const { seller } = invoice;
  const identifiers = `${seller.name} · ${labels.kvk} ${seller.kvk} · ${labels.vatId} ${seller.vatId} · ${labels.iban} ${seller.iban}`;
  return (page, pages) =>
    withFontFallback({
      stack: [
        {
          canvas: [
            {
              type: 'line',
              x1: 0,
              y1: 0,
              x2: A4_CONTENT_WIDTH,
              y2: 0,
              lineWidth: 0.5,
              lineColor: branding.accentColor,
            },
          ],
        },
        ...(branding.footerText === undefined
          ? []
          : [{ text: branding.footerText, margin: [0, 4, 0, 0] } satisfies Content]),
        {
          columns: [
            { text: identifiers },
            { text: labels.pageOf(page, pages), alignment: 'right', width: 'auto' },
          ],
          columnGap: 12,
          margin: [0, 2, 0, 0],
        },
      ],
      margin: [40, 16, 40, 0],
      fontSize: 8,
      color: MUTED,
    });
};
