import type { Content } from 'pdfmake/interfaces.js';
import { CJK_FONT } from './font-files.js';

/**
 * Han, kana, CJK punctuation and full-width forms: what the Latin font lacks and Noto Sans JP has. The
 * prolonged sound mark and middle dot (U+30FB, U+30FC) belong to the Common script but only to CJK text.
 */
const CJK =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\u30fb\\u30fc\\uff00-\\uffef';
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
const RUNS = new RegExp(`[${CJK}]+|[^${CJK}]+`, 'gu');

type Inline = string | { text: string; font: string };
type Node = { [key: string]: unknown };

/** pdfmake picks one font per text run and has no glyph fallback, so CJK stretches become runs of their own. */
const runs = (text: string): Inline[] =>
  (text.match(RUNS) ?? []).map((run) => (HAS_CJK.test(run) ? { text: run, font: CJK_FONT } : run));

const splitText = (text: unknown): unknown => {
  if (typeof text === 'string') return HAS_CJK.test(text) ? runs(text) : text;
  if (Array.isArray(text)) return text.map(walk);
  return text;
};

const walk = (node: unknown): unknown => {
  if (typeof node === 'string') return HAS_CJK.test(node) ? { text: runs(node) } : node;
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

/** The content with every CJK stretch set in the CJK font; everything else keeps the document font. */
export const withCjkFallback = (content: Content): Content => walk(content) as Content;
