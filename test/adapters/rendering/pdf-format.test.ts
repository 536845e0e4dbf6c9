import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
} from '../../../src/adapters/rendering/pdf-format.js';
import { formatDate } from '../../../src/domain/i18n/number-style.js';
import { translationFor } from '../../../src/domain/i18n/translations.js';

const nl = translationFor('nl').numbers;
const en = translationFor('en').numbers;
const de = translationFor('de').numbers;
const fr = translationFor('fr').numbers;

describe('PDF number formatting', () => {
  it('writes amounts the Dutch and the English way', () => {
    expect(formatMoney('1234.5', 'EUR', nl)).toBe('€ 1.234,50');
    expect(formatMoney('1234.5', 'EUR', en)).toBe('€1,234.50');
    expect(formatMoney('0', 'EUR', nl)).toBe('€ 0,00');
    expect(formatMoney('999', 'EUR', en)).toBe('€999.00');
  });

  it('groups large amounts exactly, beyond what a float could hold', () => {
    expect(formatMoney('123456789012.34', 'EUR', nl)).toBe('€ 123.456.789.012,34');
    expect(formatMoney('100000000000000000.07', 'EUR', en)).toBe('€100,000,000,000,000,000.07');
  });

  it('places the minus sign per language and shows other currencies by symbol or code', () => {
    expect(formatMoney('-12.25', 'EUR', nl)).toBe('€ -12,25');
    expect(formatMoney('-12.25', 'EUR', en)).toBe('-€12.25');
    expect(formatMoney('5', 'USD', en)).toBe('$5.00');
    expect(formatMoney('5', 'SEK', en)).toBe('SEK 5.00');
  });

  it('keeps up to four decimals of a unit price but always shows cents', () => {
    expect(formatPrice('7.4950', 'EUR', nl)).toBe('€ 7,495');
    expect(formatPrice('2', 'EUR', en)).toBe('€2.00');
    expect(formatPrice('1234.1234', 'EUR', en)).toBe('€1,234.1234');
  });

  it('writes quantities, rates and dates', () => {
    expect(formatQuantity('1.50', nl)).toBe('1,5');
    expect(formatQuantity('1500', en)).toBe('1,500');
    expect(formatPercent('21.00', nl)).toBe('21%');
    expect(formatPercent('5.5', nl)).toBe('5,5%');
    expect(formatDate('2025-03-14', nl)).toBe('14-03-2025');
    expect(formatDate('2025-03-14', en)).toBe('2025-03-14');
  });

  it('writes amounts and dates the German and the French way', () => {
    expect(formatMoney('1234.5', 'EUR', de)).toBe('1.234,50 €');
    expect(formatMoney('-12.25', 'EUR', de)).toBe('-12,25 €');
    expect(formatMoney('1234.5', 'EUR', fr)).toBe('1 234,50 €');
    expect(formatMoney('-12.25', 'EUR', fr)).toBe('-12,25 €');
    expect(formatMoney('5', 'SEK', fr)).toBe('5,00 SEK');
    expect(formatQuantity('1.50', fr)).toBe('1,5');
    expect(formatDate('2026-11-27', de)).toBe('27.11.2026');
    expect(formatDate('2026-11-27', fr)).toBe('27/11/2026');
    expect(formatDate('2026-11-27', nl)).toBe('27-11-2026');
  });
});
