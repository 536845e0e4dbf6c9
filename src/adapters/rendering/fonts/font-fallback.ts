import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import { CJK_FONT, EMOJI_FONT, FONTS, LATIN_FONT, SYMBOLS_FONT } from './font-files.js';

/** The part of a fontkit font that tells which characters it has a glyph for. */
interface CoveredFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const require = createRequire(import.meta.url);
/** pdfkit's own fontkit, so coverage is read by the parser that later embeds the glyphs. */
const fontkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'))('fontkit') as {
  openSync(path: string): CoveredFont;
};

/** First choice first. Every weight of a family has the same characters, so the regular file answers. */
const CHAIN = [LATIN_FONT, CJK_FONT, EMOJI_FONT, SYMBOLS_FONT] as const;
type Family = (typeof CHAIN)[number];
/** VS16 asks for emoji presentation: "☀️" is drawn as the emoji although the CJK font has "☀". */
const EMOJI_FIRST: readonly Family[] = [EMOJI_FONT, ...CHAIN.filter((family) => family !== EMOJI_FONT)];
const VS16 = '\ufe0f';
const ZWJ = '\u200d';

/** What no embedded font can draw is printed as U+FFFD in the Latin font, never as an empty .notdef box. */
export const REPLACEMENT = '\ufffd';

const opened = new Map<Family, CoveredFont>();
const fontOf = (family: Family): CoveredFont => {
  let font = opened.get(family);
  if (font === undefined) {
    font = fontkit.openSync(FONTS[family]!.normal as string);
    opened.set(family, font);
  }
  return font;
};

/** Invisible format characters (joiners, variation selectors, tags): dropped where the font lacks them. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Marks, joiners, variation selectors, tags and skin tones belong to the character before them. */
const EXTENDS = /[\p{M}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}]/u;
/** Line breaks and tabs are layout for pdfmake, not glyphs. */
const LAYOUT = /[\n\r\t]/;
/** Printable ASCII and layout: Roboto has all of it, the common case needs no look-up. */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;

const has = (family: Family, char: string): boolean =>
  IGNORABLE.test(char) || fontOf(family).hasGlyphForCodePoint(char.codePointAt(0)!);

/** A character with what extends it, e.g. "👩‍💻", "❤️" or "e" with a combining accent. */
const clusters = (text: string): string[] => {
  const result: string[] = [];
  let previous = '';
  for (const char of text) {
    const joins = previous !== '' && !LAYOUT.test(previous) && !LAYOUT.test(char);
    if (joins && (EXTENDS.test(char) || previous === ZWJ)) result[result.length - 1] += char;
    else result.push(char);
    previous = char;
  }
  return result;
};

interface Run {
  readonly family: Family;
  readonly text: string;
}

/** The first font with a glyph for every character of the cluster; else each character on its own. */
const place = (cluster: string): Run[] => {
  if (LAYOUT.test(cluster)) return [{ family: LATIN_FONT, text: cluster }];
  const chars = [...cluster];
  const family = (cluster.includes(VS16) ? EMOJI_FIRST : CHAIN).find((candidate) =>
    chars.every((char) => has(candidate, char)),
  );
  if (family !== undefined) {
    const font = fontOf(family);
    const drawn = chars.filter((char) => font.hasGlyphForCodePoint(char.codePointAt(0)!)).join('');
    return [{ family, text: drawn }];
  }
  if (chars.length > 1) return chars.flatMap(place);
  return [{ family: LATIN_FONT, text: REPLACEMENT }];
};

/** The text cut into runs of one font each, in the order of the chain; adjacent runs of a font are joined. */
export const fontRuns = (text: string): { family: string; text: string }[] => {
  const runs: { family: Family; text: string }[] = [];
  for (const run of clusters(text).flatMap(place)) {
    const last = runs.at(-1);
    if (last?.family === run.family) last.text += run.text;
    else if (run.text !== '') runs.push({ ...run });
  }
  return runs;
};

type Inline = string | { text: string; font: string };
type Node = { [key: string]: unknown };

/**
 * pdfmake picks one font per text run and has no glyph fallback, so every stretch that Roboto cannot draw
 * becomes a run of its own, set in the font that can. Latin-only text stays a plain string.
 */
const resolve = (text: string): string | Inline[] => {
  if (PLAIN.test(text)) return text;
  const runs = fontRuns(text);
  if (runs.every((run) => run.family === LATIN_FONT)) return runs.map((run) => run.text).join('');
  return runs.map((run) => (run.family === LATIN_FONT ? run.text : { text: run.text, font: run.family }));
};

const splitText = (text: unknown): unknown => {
  if (typeof text === 'string') return resolve(text);
  if (Array.isArray(text)) return text.map(walk);
  return text;
};

const walk = (node: unknown): unknown => {
  if (typeof node === 'string') {
    const resolved = resolve(node);
    return typeof resolved === 'string' ? resolved : { text: resolved };
  }
  if (Array.isArray(node)) return node.map(walk);
  if (node === null || typeof node !== 'object') return node;
  const { text, stack, columns, table } = node as Node;
  const copy: Node = { ...node };
  if (text !== undefined) copy.text = splitText(text);
  if (stack !== undefined) copy.stack = walk(stack);
  if (columns !== undefined) copy.columns = walk(columns);
  if (table !== undefined) {
    const { body } = table as { body: unknown[][] };
    copy.table = { ...(table as Node), body: body.map((row) => row.map(walk)) };
  }
  return copy;
};

/**
 * The content with every character in a font that has its glyph: Roboto, then Noto Sans JP, Noto Emoji and
 * Noto Sans Symbols 2; a character none of them has becomes U+FFFD (REPLACEMENT).
 */
export const withFontFallback = (content: Content): Content => walk(content) as Content;
