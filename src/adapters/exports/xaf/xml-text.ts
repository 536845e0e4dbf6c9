/**
 * Text for the streaming XAF writer. A tiny escaper instead of xmlbuilder2 fragments: the writer emits
 * hundreds of thousands of leaf elements, and xmlbuilder2 would build (and throw away) a DOM per fragment and
 * throws on characters XML 1.0 cannot carry — which customer names from webshops do contain.
 */

/**
 * Characters XML 1.0 (§2.2 Char) cannot represent at all, not even as a character reference: C0 controls other
 * than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
 */
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops what XML 1.0 cannot carry, so the value that is measured, truncated and written is the same. */
export const sanitizeXmlText = (value: string): string => value.replace(NOT_XML_CHAR, '');

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A literal CR would be normalised to LF by every parser (XML 1.0 §2.11); a reference preserves it.
  '\r': '&#13;',
};

/** Escapes element content (no attributes are written, so quotes need no escaping). */
export const escapeXmlText = (value: string): string => value.replace(/[&<>\r]/g, (char) => ESCAPES[char]!);

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Cuts `value` to at most `max` characters as XSD maxLength counts them (Unicode code points), on a grapheme
 * boundary so neither a surrogate pair nor a letter with its combining accent is split. Cutting before
 * escaping matters: cutting "&amp;" in half would make the document ill-formed.
 */
export const truncateChars = (value: string, max: number): string => {
  if (codePointLength(value) <= max) return value;
  let kept = '';
  let length = 0;
  for (const { segment } of graphemes.segment(value)) {
    const segmentLength = codePointLength(segment);
    if (length + segmentLength > max) break;
    kept += segment;
    length += segmentLength;
  }
  return kept;
};

export const codePointLength = (value: string): number => {
  let length = 0;
  for (const _ of value) length++;
  return length;
};
