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

export const LATIN_FONT = 'Roboto';
export const CJK_FONT = 'NotoSansJP';

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
};

/** The only local files pdfmake may read. */
export const FONT_FILES: ReadonlySet<string> = new Set(
  Object.values(FONTS).flatMap((family) => Object.values(family) as string[]),
);
