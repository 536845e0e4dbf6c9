import { createRequire } from 'node:module';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

/** pdfmake ships Roboto as TTF: Latin (incl. Extended-A/B: Łódź, Dvořák, Ørsted), Greek and Cyrillic. */
const roboto = (file: string): string => require.resolve(`pdfmake/fonts/Roboto/${file}`);

/**
 * Noto Sans JP (static TrueType instances from Google Fonts, SIL OFL 1.1) for Han, kana and CJK
 * punctuation, which Roboto lacks. It in turn lacks Ł, ř and ź, so neither font covers every name alone.
 */
const notoSansJp = (instance: string): string =>
  require.resolve(`@expo-google-fonts/noto-sans-jp/${instance}/NotoSansJP_${instance}.ttf`);

/**
 * Noto Emoji (monochrome; colour emoji fonts cannot be embedded by pdfkit) and Noto Sans Symbols 2 (SIL OFL
 * 1.1 both): pictographs, dingbats, arrows and technical symbols that neither font above has.
 */
const notoEmoji = (instance: string): string =>
  require.resolve(`@expo-google-fonts/noto-emoji/${instance}/NotoEmoji_${instance}.ttf`);
const notoSansSymbols2 = require.resolve(
  '@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf',
);

export const LATIN_FONT = 'Roboto';
export const CJK_FONT = 'NotoSansJP';
export const EMOJI_FONT = 'NotoEmoji';
export const SYMBOLS_FONT = 'NotoSansSymbols2';

/** Resolved relative to this module, so rendering works from any working directory. */
export const FONTS: TFontDictionary = {
  [LATIN_FONT]: {
    normal: roboto('Roboto-Regular.ttf'),
    bold: roboto('Roboto-Medium.ttf'),
    italics: roboto('Roboto-Italic.ttf'),
    bolditalics: roboto('Roboto-MediumItalic.ttf'),
  },
  // Medium matches the weight of Roboto-Medium used for bold; CJK has no italics, so upright is used.
  [CJK_FONT]: {
    normal: notoSansJp('400Regular'),
    bold: notoSansJp('500Medium'),
    italics: notoSansJp('400Regular'),
    bolditalics: notoSansJp('500Medium'),
  },
  [EMOJI_FONT]: {
    normal: notoEmoji('400Regular'),
    bold: notoEmoji('500Medium'),
    italics: notoEmoji('400Regular'),
    bolditalics: notoEmoji('500Medium'),
  },
  // One weight only: a symbol in a bold label stays regular.
  [SYMBOLS_FONT]: {
    normal: notoSansSymbols2,
    bold: notoSansSymbols2,
    italics: notoSansSymbols2,
    bolditalics: notoSansSymbols2,
  },
};

/** The only local files pdfmake may read. */
export const FONT_FILES: ReadonlySet<string> = new Set(
  Object.values(FONTS).flatMap((family) => Object.values(family) as string[]),
);
