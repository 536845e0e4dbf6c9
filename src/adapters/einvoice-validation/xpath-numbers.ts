import { type Decimal, decimal, sum } from '../../domain/shared/money.js';
import { textOf, type XmlElement } from './xml-tree.js';

/** The lexical space of xs:decimal (no exponent); anything else is a cast error in the schematron. */
const XS_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** `xs:decimal(text)`; undefined for absent or non-numeric text, which fails the assertion like a cast error. */
export const toDecimal = (text: string | undefined): Decimal | undefined => {
  const trimmed = text?.trim();
  return trimmed !== undefined && XS_DECIMAL.test(trimmed) ? decimal(trimmed) : undefined;
};

export const decimalOf = (from: XmlElement, path: string): Decimal | undefined =>
  toDecimal(textOf(from, path));

/** `sum(nodes/xs:decimal(.))`: 0 for no nodes, undefined when one of them is not a decimal. */
export const sumOf = (nodes: readonly XmlElement[]): Decimal | undefined => {
  const values = nodes.map((node) => toDecimal(node.value));
  return values.every((value) => value !== undefined) ? sum(values as Decimal[]) : undefined;
};

const floor = (value: Decimal): Decimal => (value.gte(0) ? value.round(0, 0) : value.round(0, 3));

/**
 * XPath `round()`: halves go towards positive infinity (−4.5 → −4), so `round(x * 100) div 100` on a negative
 * amount differs from the house rounding (half away from zero). The validator must round as the official one.
 */
export const xpathRound = (value: Decimal, places = 0): Decimal => {
  const scale = decimal(10).pow(places);
  return floor(value.times(scale).plus(0.5)).div(scale);
};

/** Peppol `u:slack(expected, value, slack)`: |expected − value| ≤ slack. */
export const withinSlack = (expected: Decimal, value: Decimal, slack: string): boolean =>
  expected.minus(value).abs().lte(slack);

/** Both defined and equal, as an XPath comparison of two singletons (an empty side compares false). */
export const equal = (a: Decimal | undefined, b: Decimal | undefined): boolean =>
  a !== undefined && b !== undefined && a.eq(b);

/** Number of decimals of an amount as the BR-DEC rules count them: `string-length(substring-after(., '.'))`. */
export const fractionDigits = (text: string): number => {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};
