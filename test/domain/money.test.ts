import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateByWeight,
  decimal,
  formatAmount,
  formatPrice,
  round2,
  sum,
} from '../../src/domain/shared/money.js';
import { isValidIban, isValidKvk } from '../../src/domain/tenant/check-digits.js';

describe('money', () => {
  it('rounds half away from zero, also for negative amounts', () => {
    expect(formatAmount(decimal('0.045'))).toBe('0.05');
    expect(formatAmount(decimal('-0.045'))).toBe('-0.05');
    expect(formatAmount(decimal('2.675'))).toBe('2.68'); // a float would give 2.67
  });

  it('formats prices with two to four decimals', () => {
    expect(formatPrice(decimal('12.5'))).toBe('12.50');
    expect(formatPrice(decimal('11.46789'))).toBe('11.4679');
    expect(formatPrice(decimal('8'))).toBe('8.00');
  });

  it('allocates an amount over weights to the cent, by largest remainder', () => {
    expect(allocateByWeight(decimal('4.95'), [decimal('24'), decimal('8')]).map(formatAmount)).toEqual([
      '3.71',
      '1.24',
    ]);
    expect(
      allocateByWeight(decimal('0.10'), [decimal('1'), decimal('1'), decimal('1')]).map(formatAmount),
    ).toEqual(['0.04', '0.03', '0.03']);
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 10 }),
        (totalCents, weights) => {
          const total = decimal(totalCents).div(100);
          const shares = allocateByWeight(
            total,
            weights.map((w) => decimal(w)),
          );
          expect(sum(shares).eq(total)).toBe(true);
          for (const s of shares) expect(round2(s).eq(s)).toBe(true);
        },
      ),
    );
  });
});

describe('identifier check digits', () => {
  it('validates IBANs by mod 97 and KvK numbers by format', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidKvk('12345678')).toBe(true);
    expect(isValidKvk('1234567')).toBe(false);
  });
});
