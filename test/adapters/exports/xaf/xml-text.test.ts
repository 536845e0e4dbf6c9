import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { monthlyPeriods } from '../../../../src/adapters/exports/xaf/xaf-periods.js';
import { xafAmount, xafPercentage } from '../../../../src/adapters/exports/xaf/xaf-values.js';
import {
  codePointLength,
  escapeXmlText,
  sanitizeXmlText,
  truncateChars,
} from '../../../../src/adapters/exports/xaf/xml-text.js';

/** Markup characters, CR, and what XML 1.0 cannot carry: controls, U+FFFE, lone and paired surrogates. */
const SPECIALS = [
  '&',
  '<',
  '>',
  '"',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u0007',
  '\uFFFE',
  '\uD800',
  '\uDC00',
  '😀',
  'a',
];

const parseBack = (text: string): string =>
  (
    create({ skipWhitespaceOnlyText: false }, `<a>${text}</a>`).root().node as unknown as {
      textContent: string;
    }
  ).textContent;

describe('XML text for the XAF writer', () => {
  it('escapes any string so that it parses back to its sanitized self', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...SPECIALS) })),
        (value) => {
          const clean = sanitizeXmlText(value);
          expect(parseBack(escapeXmlText(clean))).toBe(clean);
        },
      ),
    );
  });

  it('truncates to at most max code points, as a prefix, on a character boundary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), fc.nat(60), (value, max) => {
        const cut = truncateChars(value, max);
        expect(codePointLength(cut)).toBeLessThanOrEqual(max);
        expect(value.startsWith(cut)).toBe(true);
        if (codePointLength(value) <= max) expect(cut).toBe(value);
      }),
    );
  });

  it('formats amounts with two decimals and percentages without float noise', () => {
    expect(['0', '1.5', '-3', '1234567.10', '0.1'].map((v) => xafAmount(v, 'x'))).toEqual([
      '0.00',
      '1.50',
      '-3.00',
      '1234567.10',
      '0.10',
    ]);
    expect(['21', '9.000', '5.5', '25.5'].map((v) => xafPercentage(v, 'x'))).toEqual([
      '21',
      '9',
      '5.5',
      '25.5',
    ]);
    expect(() => xafAmount('1e3', 'x')).toThrow(/not a decimal amount/);
    expect(() => xafPercentage('-1', 'x')).toThrow(/non-negative/);
  });

  it('makes one period per month, with short first and last periods for a broken fiscal year', () => {
    expect(monthlyPeriods('2026-01-01', '2026-12-31')).toHaveLength(12);
    expect(monthlyPeriods('2024-02-10', '2024-04-05')).toEqual([
      { periodNumber: 1, periodDesc: 'feb 2024', startDatePeriod: '2024-02-10', endDatePeriod: '2024-02-29' },
      { periodNumber: 2, periodDesc: 'mrt 2024', startDatePeriod: '2024-03-01', endDatePeriod: '2024-03-31' },
      { periodNumber: 3, periodDesc: 'apr 2024', startDatePeriod: '2024-04-01', endDatePeriod: '2024-04-05' },
    ]);
  });
});
