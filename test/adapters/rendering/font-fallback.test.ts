import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fontRuns, REPLACEMENT } from '../../../src/adapters/rendering/fonts/font-fallback.js';
import { FONTS } from '../../../src/adapters/rendering/fonts/font-files.js';

/** Coverage read straight from the font files, independently of the module under test. */
const require = createRequire(import.meta.url);
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as {
  openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean };
};
const fonts = new Map(
  Object.entries(FONTS).map(([family, files]) => [family, fontkit.openSync(files.normal as string)]),
);
const covered = (codePoint: number) =>
  [...fonts.values()].some((font) => font.hasGlyphForCodePoint(codePoint));
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const LAYOUT = /[\n\r\t]/;

describe('font fallback', () => {
  it('leaves Latin text to Roboto as it is', () => {
    expect(fontRuns('Café crème, Łódź — 12 × € 4,50')).toEqual([
      { family: 'Roboto', text: 'Café crème, Łódź — 12 × € 4,50' },
    ]);
  });

  it('sets CJK, emoji and symbols each in the first font of the chain that has them', () => {
    expect(fontRuns('東京 ☕ ✓ ⌫')).toEqual([
      { family: 'NotoSansJP', text: '東京' },
      { family: 'Roboto', text: ' ' },
      { family: 'NotoEmoji', text: '☕' },
      { family: 'Roboto', text: ' ' },
      { family: 'NotoSansJP', text: '✓' },
      { family: 'Roboto', text: ' ' },
      { family: 'NotoSansSymbols2', text: '⌫' },
    ]);
  });

  it('keeps joined emoji, flags and keycaps together, and draws "☀️" (VS16) as emoji but "☀" as text', () => {
    expect(fontRuns('👩‍💻🇳🇱1️⃣')).toEqual([{ family: 'NotoEmoji', text: '👩‍💻🇳🇱1️⃣' }]);
    expect(fontRuns('☀️☀')).toEqual([
      { family: 'NotoEmoji', text: '☀️' },
      { family: 'NotoSansJP', text: '☀' },
    ]);
  });

  it('replaces what no embedded font has by U+FFFD, one per character, and keeps line breaks', () => {
    expect(fontRuns('Munt ₿ 𓀀 x\u0007y\nz')).toEqual([
      { family: 'Roboto', text: `Munt ${REPLACEMENT} ${REPLACEMENT} x${REPLACEMENT}y\nz` },
    ]);
  });

  it('gives every character a font that has its glyph, or replaces it (any Unicode text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        for (const run of fontRuns(text)) {
          const font = fonts.get(run.family)!;
          for (const char of run.text) {
            const codePoint = char.codePointAt(0)!;
            if (LAYOUT.test(char)) continue;
            expect(font.hasGlyphForCodePoint(codePoint)).toBe(true);
          }
        }
        // Nothing that some font can draw is lost; only invisible format characters may be dropped.
        const visible = (chars: string) => [...chars].filter((char) => !IGNORABLE.test(char));
        const drawn = fontRuns(text)
          .map((run) => run.text)
          .join('');
        expect(visible(drawn)).toEqual(
          visible(text).map((char) =>
            LAYOUT.test(char) || covered(char.codePointAt(0)!) ? char : REPLACEMENT,
          ),
        );
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
