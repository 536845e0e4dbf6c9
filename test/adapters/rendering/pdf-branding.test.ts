import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { brandingSchema, DEFAULT_ACCENT_COLOR, MAX_LOGO_BYTES } from '../../../src/domain/tenant/branding.js';
import { sellerSettingsSchema } from '../../../src/domain/tenant/seller-settings.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { unicodeInvoice } from '../../fixtures/invoices/unicode-lines.js';
import { pdfPageTexts } from './pdf-text.js';

/** A 1 × 1 PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Page content streams are deflated; inflate every stream that is and join them. */
const contentStreams = (pdf: Buffer): string => {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('\nendstream', start);
    try {
      texts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not deflated (e.g. an image or a font program); no drawing operators in it.
    }
  }
  return texts.join('\n');
};

/** pdfkit sets a fill colour as "r g b scn" with each channel divided by 255. */
const fillOperator = (hex: string): string =>
  `${[1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16) / 255).join(' ')} scn`;

const imageCount = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;

describe('renderPdfInvoice: branding', () => {
  it('draws headings and table headers in the default accent colour without branding', async () => {
    const pdf = await renderPdfInvoice(businessBuyerPeppol);

    expect(contentStreams(pdf)).toContain(fillOperator(DEFAULT_ACCENT_COLOR));
    expect(imageCount(pdf)).toBe(0);
  });

  it("uses the tenant's accent colour instead", async () => {
    const pdf = await renderPdfInvoice(businessBuyerPeppol, { branding: { accentColor: '#C0392B' } });
    const content = contentStreams(pdf);

    expect(content).toContain(fillOperator('#C0392B'));
    expect(content).not.toContain(fillOperator(DEFAULT_ACCENT_COLOR));
  });

  it('places the logo as an image', async () => {
    const branding = brandingSchema.parse({ logo: { mediaType: 'image/png', dataBase64: PNG_BASE64 } });
    const pdf = await renderPdfInvoice(businessBuyerPeppol, { branding });

    expect(imageCount(pdf)).toBeGreaterThan(0);
    expect(contentStreams(pdf)).toMatch(/\/I\d+ Do/);
  });

  it('leaves out a logo that passes the signature check but cannot be decoded, rather than fail', async () => {
    const corrupt = Buffer.concat([Buffer.from(PNG_BASE64, 'base64').subarray(0, 8), Buffer.from('garbage')]);
    const branding = brandingSchema.parse({
      logo: { mediaType: 'image/png', dataBase64: corrupt.toString('base64') },
    });
    const pdf = await renderPdfInvoice(businessBuyerPeppol, { branding });

    expect(imageCount(pdf)).toBe(0);
    expect((await pdfPageTexts(pdf)).join('\n')).toContain('Total incl. VAT €346.92');
  });

  it("prints the tenant's footer line, KvK, VAT ID, IBAN and the page number on every page", async () => {
    const footerText = 'Algemene voorwaarden: voorbeeldwebwinkel.example/voorwaarden — 東京 office';
    const pages = await pdfPageTexts(
      await renderPdfInvoice(unicodeInvoice(60), { branding: { accentColor: '#1F4E79', footerText } }),
    );

    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, index) => {
      expect(text).toContain(footerText);
      expect(text).toContain(
        `Voorbeeld Webwinkel B.V. · CoC (KvK) 12345678 · VAT ID NL859999999B01 · IBAN NL91ABNA0417164300 Page ${index + 1} of ${pages.length}`,
      );
    });
  });
});

describe('brandingSchema', () => {
  it('defaults to the house accent colour, no logo and no footer line', () => {
    expect(brandingSchema.parse({})).toEqual({ accentColor: DEFAULT_ACCENT_COLOR });
  });

  it('is a seller setting that defaults when left out', () => {
    expect(sellerSettingsSchema.shape.branding.parse(undefined)).toEqual({
      accentColor: DEFAULT_ACCENT_COLOR,
    });
  });

  it('accepts a PNG and a JPEG whose bytes match their media type', () => {
    const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString('base64');

    expect(
      brandingSchema.safeParse({ logo: { mediaType: 'image/png', dataBase64: PNG_BASE64 } }).success,
    ).toBe(true);
    expect(
      brandingSchema.safeParse({ logo: { mediaType: 'image/jpeg', dataBase64: jpegHead } }).success,
    ).toBe(true);
  });

  it('rejects a logo whose bytes are not of its media type, or not base64', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64');

    expect(
      brandingSchema.safeParse({ logo: { mediaType: 'image/jpeg', dataBase64: PNG_BASE64 } }).success,
    ).toBe(false);
    expect(brandingSchema.safeParse({ logo: { mediaType: 'image/png', dataBase64: gif } }).success).toBe(
      false,
    );
    expect(
      brandingSchema.safeParse({ logo: { mediaType: 'image/png', dataBase64: 'not base64!' } }).success,
    ).toBe(false);
  });

  it('rejects a logo over the size limit and a colour that is not #RRGGBB', () => {
    const tooLarge = Buffer.concat([
      Buffer.from(PNG_BASE64, 'base64'),
      Buffer.alloc(MAX_LOGO_BYTES),
    ]).toString('base64');

    expect(brandingSchema.safeParse({ logo: { mediaType: 'image/png', dataBase64: tooLarge } }).success).toBe(
      false,
    );
    expect(brandingSchema.safeParse({ accentColor: 'navy' }).success).toBe(false);
    expect(brandingSchema.safeParse({ accentColor: '#1F4E7' }).success).toBe(false);
  });
});
