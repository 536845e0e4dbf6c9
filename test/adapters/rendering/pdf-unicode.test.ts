import { describe, expect, it } from 'vitest';
import { REPLACEMENT } from '../../../src/adapters/rendering/fonts/font-fallback.js';
import { renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { japaneseExport } from '../../fixtures/invoices/cross-border.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { symbolsInvoice, unicodeInvoice } from '../../fixtures/invoices/unicode-lines.js';
import { pdfPageTexts } from './pdf-text.js';

const STANDARD_14 = /^(Times|Helvetica|Courier|Symbol|ZapfDingbats)/;

/** Font dictionaries are plain PDF objects (not in compressed streams), so their names can be read directly. */
const baseFonts = (pdf: Buffer): string[] =>
  [...pdf.toString('latin1').matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((match) => match[1]!);

describe('renderPdfInvoice: unicode text', () => {
  it('extracts Łódź, Dvořák, Ørsted and 東京 as written, so the glyphs are embedded and mapped', async () => {
    const text = (await pdfPageTexts(await renderPdfInvoice(unicodeInvoice(5)))).join('\n');

    expect(text).toContain('Zofia Dvořák-Ørsted');
    expect(text).toContain('90-926 Łódź');
    expect(text).toContain('Porzellan „Dvořák“ 2');
    expect(text).toContain('Ørsted mug 3');
    expect(text).toContain('急須 東京 (teapot) 4');
  });

  it('sets CJK in Noto Sans JP and everything else in Roboto, both embedded as subsets', async () => {
    const fonts = baseFonts(await renderPdfInvoice(japaneseExport));

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+(Roboto|NotoSansJP)-(Regular|Medium)$/);
    expect(fonts.some((font) => font.includes('NotoSansJP'))).toBe(true);
    expect(fonts.some((font) => font.includes('Roboto'))).toBe(true);
  });

  it('uses none of the standard 14 fonts, which cannot show these names', async () => {
    for (const invoice of [unicodeInvoice(5), japaneseExport, businessBuyerPeppol]) {
      const fonts = baseFonts(await renderPdfInvoice(invoice)).map((font) => font.replace(/^[A-Z]{6}\+/, ''));
      for (const font of fonts) expect(font).not.toMatch(STANDARD_14);
    }
  });

  it('embeds the CJK font only when the document has CJK text', async () => {
    const fonts = baseFonts(await renderPdfInvoice(businessBuyerPeppol));

    expect(fonts.some((font) => font.includes('NotoSansJP'))).toBe(false);
  });

  it('draws emoji and symbols from the fallback fonts and replaces what no font has by U+FFFD', async () => {
    const pdf = await renderPdfInvoice(symbolsInvoice);
    const text = (await pdfPageTexts(pdf)).join('\n');

    expect(text).toContain('Café ☀️ Zonneschijn');
    expect(text).toContain('Mok ❤️ met hartje ☕');
    expect(text).toContain('Stickers 👩‍💻 🇳🇱 🎉');
    expect(text).toContain('Labels ✓ ⌘ ⌫ ★');
    expect(text).toContain(`Munt ${REPLACEMENT} ${REPLACEMENT} x${REPLACEMENT}y`);
    // A glyph missing from its font would be drawn as .notdef and extract as U+0000.
    expect(text).not.toContain('\u0000');
    const fonts = baseFonts(pdf).map((font) => font.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toEqual(
      expect.arrayContaining(['NotoEmoji-Regular', 'NotoSansSymbols2-Regular', 'NotoSansJP-Regular']),
    );
  });

  it('embeds the emoji and symbol fonts only when the document needs them', async () => {
    const fonts = baseFonts(await renderPdfInvoice(unicodeInvoice(5)));

    expect(fonts.some((font) => /NotoEmoji|NotoSansSymbols2/.test(font))).toBe(false);
  });

  it('keeps a five-line unicode invoice small by subsetting the fonts', async () => {
    const pdf = await renderPdfInvoice(unicodeInvoice(5));

    expect(pdf.length).toBeLessThan(200 * 1024);
  });
});
