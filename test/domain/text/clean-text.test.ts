import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVOICE_CURRENCIES, implausibleExchangeRate } from '../../../src/domain/shared/currencies.js';
import { cleanText, codePointLength, identifierText, text } from '../../../src/domain/shared/text.js';

describe('customer text hygiene', () => {
  it('normalises to NFC, drops C0 (but tab and newline), DEL and C1, and mends lone surrogates', () => {
    expect(cleanText('Jose\u0301')).toBe('José');
    expect(cleanText('a\u0000b\u0007c\td\ne\r\u007f\u0085f')).toBe('abc\td\nef');
    expect(cleanText('x\uD83Dy')).toBe('x\uFFFDy');
    expect(cleanText('x\uDE00y')).toBe('x\uFFFDy');
    expect(cleanText('😀 עברית ‏ 漢字')).toBe('😀 עברית ‏ 漢字');
  });

  it('is idempotent and leaves well-formed NFC text without control characters as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const once = cleanText(value);
        expect(cleanText(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(once)).toBe(
          false,
        );
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property is about them
        expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(once)).toBe(false);
      }),
    );
  });

  it('counts code points, so an emoji is one character and a limit never splits a pair', () => {
    expect(codePointLength('😀😀')).toBe(2);
    expect(text(2).safeParse('😀😀').success).toBe(true);
    expect(text(2).safeParse('😀😀😀').success).toBe(false);
    expect(text(5).safeParse('\u0000\u0001').success).toBe(false);
  });

  it('refuses identifiers that cleaning would change rather than changing their identity', () => {
    expect(identifierText(50).safeParse('1001').success).toBe(true);
    expect(identifierText(50).safeParse('10\u000001').success).toBe(false);
    expect(identifierText(50).safeParse('e\u0301').success).toBe(false);
  });
});

describe('currencies and exchange rates at the door', () => {
  it('accepts legal tender on the EN 16931 list, not funds, metals, test or withdrawn codes', () => {
    for (const code of ['EUR', 'USD', 'GBP', 'JPY', 'CHF']) expect(INVOICE_CURRENCIES.has(code)).toBe(true);
    for (const code of ['XYZ', 'XAU', 'XTS', 'XXX', 'HRK', 'BOV', 'VEF'])
      expect(INVOICE_CURRENCIES.has(code)).toBe(false);
  });

  it('reads rates as order-currency units per 1 EUR and catches the inverted ones it can tell', () => {
    expect(implausibleExchangeRate('USD', '1.0850')).toBeUndefined();
    expect(implausibleExchangeRate('JPY', '163.20')).toBeUndefined();
    expect(implausibleExchangeRate('JPY', '0.0061')).toMatch(/JPY units per 1 EUR .*inverted/);
    expect(implausibleExchangeRate('HUF', '0.0026')).toMatch(/implausible/);
    expect(implausibleExchangeRate('KWD', '0.33')).toBeUndefined();
    expect(implausibleExchangeRate('VND', '0.00004')).toMatch(/implausible/);
    expect(implausibleExchangeRate('USD', '0')).toBe('must be greater than zero');
  });
});
