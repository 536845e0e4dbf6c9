import { createRequire } from 'node:module';

/** The parts of pdfkit's (unexported) EmbeddedFont that the cache relies on. */
interface EmbeddedFont {
  /** The parsed fontkit font; read-only once parsed. */
  readonly font: unknown;
  readonly name: string;
  /** Shaped glyph runs by word; pdfkit only reads them once stored (it copies before adjusting spacing). */
  layoutCache?: Record<string, unknown>;
}
type EmbeddedFontClass = new (document: PdfmakeDocument, font: unknown, id: string) => EmbeddedFont;

/** pdfmake's pdfkit document subclass (pdfmake/js/PDFDocument.js), as far as fonts are concerned. */
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  _font: EmbeddedFont;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

interface ParsedFont {
  readonly font: unknown;
  readonly EmbeddedFont: EmbeddedFontClass;
  readonly layoutCache: Record<string, unknown>;
}

/** Enough for the labels, amounts and names of many invoices; a worker runs for months, so it is bounded. */
const MAX_CACHED_WORDS = 20_000;

/** A word → glyph run cache that pdfkit can index like its own plain object, emptied when full. */
const boundedLayoutCache = (): Record<string, unknown> => {
  const runs = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Record<string, unknown>, {
    get: (_, word) => (typeof word === 'string' ? runs.get(word) : undefined),
    set: (_, word, run) => {
      if (typeof word !== 'string') return false;
      if (runs.size >= MAX_CACHED_WORDS) runs.clear();
      runs.set(word, run);
      return true;
    },
  });
};

/** The parts of a fontkit font and glyph that `keepCodePoints` touches. */
interface FontkitGlyph {
  codePoints: number[];
}
interface FontkitFont {
  getGlyph(id: number, characters?: number[]): FontkitGlyph | null;
}

/**
 * fontkit caches one glyph object per glyph id with the characters of its first look-up. Subsetting a
 * composite glyph ("ź" is "z" plus an accent) looks its components up without characters; in a font
 * shared across documents, a later document's "z" then got that glyph, without characters, and
 * pdfkit wrote no ToUnicode entry for it: the PDF showed "z" but its text read as a control character.
 * A look-up that names the characters gives them to a glyph that has none.
 */
const keepCodePoints = (font: FontkitFont): void => {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph !== null && glyph.codePoints.length === 0 && characters.length > 0)
      glyph.codePoints = characters;
    return glyph;
  };
};

const require = createRequire(import.meta.url);
const { default: PdfmakeDocument } = require('pdfmake/js/PDFDocument.js') as {
  default: { prototype: PdfmakeDocument };
};
const provideFont = PdfmakeDocument.prototype.provideFont;
const parsed = new Map<string, ParsedFont>();

/**
 * pdfkit opens a font with `fontkit.create` for every document; parsing the TTF tables and the first
 * shaping (GSUB/GPOS) took most of the ~30 ms a PDF cost. fontkit's font is not tied to a document, so
 * it is parsed once per file and each document gets its own EmbeddedFont around it (own id, subset,
 * widths and ToUnicode map), exactly as `doc.font(file)` would have built it. Shaping a word gives the
 * same glyphs in every document, so the word cache is shared too (it halves the time again). fontkit is not
 * configurable through pdfkit or pdfmake, hence this patch of pdfmake's `provideFont`. Output bytes are
 * the same with or without it (a test compares a fresh process with a warm one).
 */
function provideParsedFont(this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) {
  const file = this.getFontFile(family, bold, italics);
  const known = typeof file === 'string' ? parsed.get(file) : undefined;
  if (typeof file !== 'string' || known === undefined) {
    const font = provideFont.call(this, family, bold, italics);
    if (typeof file === 'string') {
      keepCodePoints(font.font as FontkitFont);
      parsed.set(file, {
        font: font.font,
        EmbeddedFont: font.constructor as EmbeddedFontClass,
        layoutCache: boundedLayoutCache(),
      });
    }
    return font;
  }
  this.fontCache[family] ??= {};
  const fonts = this.fontCache[family];
  const type = this.getFontType(bold, italics);
  const cached = fonts[type];
  if (cached !== undefined) return cached;
  // pdfkit's font(): one EmbeddedFont per file, numbered in order of first use, kept for embedding at end().
  let font = this._fontFamilies[file];
  if (font === undefined) {
    font = new known.EmbeddedFont(this, known.font, `F${++this._fontCount}`);
    font.layoutCache = known.layoutCache;
    this._fontFamilies[file] = font;
    this._fontFamilies[font.name] ??= font;
  }
  this._font = font;
  fonts[type] = font;
  return font;
}

/** Idempotent; every pdfmake document in the process shares the parsed fonts from then on. */
export const cacheParsedFonts = (): void => {
  PdfmakeDocument.prototype.provideFont = provideParsedFont;
};
