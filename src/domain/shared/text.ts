import { z } from 'zod';

/**
 * Customer-supplied text travels into PDF, UBL (XML 1.0) and XAF, and is shown to tax authorities.
 * Text is made well-formed (a lone surrogate, and the noncharacters U+FFFE and U+FFFF that XML 1.0
 * cannot carry either, become U+FFFD), normalised to NFC (so "é" typed two ways is one string, as
 * EN 16931 receivers compare it), and stripped of control characters that XML 1.0 forbids or that
 * render as nothing: C0 except tab and newline, DEL and C1.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

const NOT_A_CHARACTER =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

export const cleanText = (value: string): string =>
  value.replace(NOT_A_CHARACTER, '\uFFFD').normalize('NFC').replace(CONTROL_CHARACTERS, '');

/** True when cleaning would not change the text: no controls, no unpaired surrogates, NFC. */
export const isCleanText = (value: string): boolean => cleanText(value) === value;

/** Lengths count code points, as a reader does; a UTF-16 length would count an emoji twice. */
export const codePointLength = (value: string): number => [...value].length;

/** Free text from a customer or merchant: cleaned, then 1…max code points. */
export const text = (max: number) =>
  z
    .string()
    .overwrite(cleanText)
    .check(
      z.refine((value) => value.length > 0, 'must not be empty'),
      z.refine((value) => codePointLength(value) <= max, `must be at most ${max} characters`),
    );

/**
 * An identifier chosen elsewhere (an order number, a SKU): cleaning it would change its identity, so
 * text that cleaning would alter is refused instead.
 */
export const identifierText = (max: number) =>
  z.string().check(
    z.refine((value) => value.length > 0, 'must not be empty'),
    z.refine(isCleanText, 'must not contain control characters, unpaired surrogates or non-NFC text'),
    z.refine((value) => codePointLength(value) <= max, `must be at most ${max} characters`),
  );
