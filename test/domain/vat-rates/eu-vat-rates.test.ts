import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/shared/dates.js';
import {
  EU_MEMBER_STATES,
  EU_VAT_RATES,
  isEuMemberState,
  VAT_RATE_TABLE_START,
  type VatRateKind,
  vatRateOn,
} from '../../../src/domain/vat/rates/eu-vat-rates.js';

describe('EU VAT rate table', () => {
  it('lists the 27 member states, with Greece as GR', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    expect(EU_MEMBER_STATES).toContain('GR');
    expect(EU_MEMBER_STATES).not.toContain('EL');
    expect(Object.keys(EU_VAT_RATES).sort()).toEqual([...EU_MEMBER_STATES].sort());
  });

  it.each(EU_MEMBER_STATES)('%s has sorted standard and reduced periods from the table start', (country) => {
    for (const kind of ['standard', 'reduced'] as const) {
      const periods = EU_VAT_RATES[country]![kind];
      expect(periods.length).toBeGreaterThan(0);
      expect(periods[0]!.from).toBe(VAT_RATE_TABLE_START);
      const froms = periods.map((p) => p.from);
      expect([...froms].sort()).toEqual(froms);
      expect(new Set(froms).size).toBe(froms.length);
      for (const { rate } of periods) {
        expect(rate).toMatch(/^\d{1,2}(\.\d{1,2})?$/);
        // Dir. 2006/112/EC art. 97: standard rate at least 15 %.
        if (kind === 'standard') expect(Number(rate)).toBeGreaterThanOrEqual(15);
      }
      // Lookups work for every country and kind on the first day and today-ish.
      expect(vatRateOn(country, kind, VAT_RATE_TABLE_START)).toBe(periods[0]!.rate);
      expect(vatRateOn(country, kind, '2026-06-30')).toMatch(/^\d/);
    }
  });

  it('never has a reduced rate above the standard rate on a change date', () => {
    for (const country of EU_MEMBER_STATES) {
      const rates = EU_VAT_RATES[country]!;
      const dates = [...rates.standard, ...rates.reduced].map((p) => p.from);
      for (const date of dates) {
        expect(Number(vatRateOn(country, 'reduced', date))).toBeLessThanOrEqual(
          Number(vatRateOn(country, 'standard', date)),
        );
      }
    }
  });
});

describe('vatRateOn', () => {
  it.each([
    ['NL', '21', '9'],
    ['DE', '19', '7'],
    ['BE', '21', '6'],
    ['FR', '20', '5.5'],
    ['AT', '20', '10'],
  ])('%s in 2026 is %s / %s (domain.md §2.1)', (country, standard, reduced) => {
    expect(vatRateOn(country, 'standard', '2026-03-15')).toBe(standard);
    expect(vatRateOn(country, 'reduced', '2026-03-15')).toBe(reduced);
  });

  const changes: [string, VatRateKind, string, string, string][] = [
    ['NL', 'reduced', '2019-01-01', '6', '9'],
    ['DE', 'standard', '2020-07-01', '19', '16'],
    ['DE', 'standard', '2021-01-01', '16', '19'],
    ['DE', 'reduced', '2020-07-01', '7', '5'],
    ['DE', 'reduced', '2021-01-01', '5', '7'],
    ['IE', 'standard', '2020-09-01', '23', '21'],
    ['IE', 'standard', '2021-03-01', '21', '23'],
    ['LU', 'standard', '2023-01-01', '17', '16'],
    ['LU', 'standard', '2024-01-01', '16', '17'],
    ['CZ', 'reduced', '2024-01-01', '15', '12'],
    ['EE', 'standard', '2024-01-01', '20', '22'],
    ['EE', 'standard', '2025-07-01', '22', '24'],
    ['FI', 'standard', '2024-09-01', '24', '25.5'],
    ['FI', 'reduced', '2026-01-01', '14', '13.5'],
    ['SK', 'standard', '2025-01-01', '20', '23'],
    ['SK', 'reduced', '2025-01-01', '10', '5'],
    ['RO', 'standard', '2025-08-01', '19', '21'],
    ['RO', 'reduced', '2025-08-01', '9', '11'],
    ['LT', 'reduced', '2026-01-01', '9', '5'],
    ['SE', 'reduced', '2026-04-01', '12', '6'],
    ['SE', 'reduced', '2028-01-01', '6', '12'],
  ];

  it.each(changes)(
    '%s %s changes on %s: %s the day before, %s on the day',
    (country, kind, date, before, after) => {
      expect(vatRateOn(country, kind, addDays(date, -1))).toBe(before);
      expect(vatRateOn(country, kind, date)).toBe(after);
    },
  );

  it('throws a clear error for countries outside the EU, including the EL prefix and XI', () => {
    for (const code of ['GB', 'CH', 'NO', 'US', 'EL', 'XI', 'nl', '']) {
      expect(isEuMemberState(code)).toBe(false);
      expect(() => vatRateOn(code, 'standard', '2026-01-01')).toThrow(/not an EU member state/);
    }
    expect(isEuMemberState('GR')).toBe(true);
  });

  it('throws for dates before the table starts and for malformed dates', () => {
    expect(() => vatRateOn('NL', 'standard', addDays(VAT_RATE_TABLE_START, -1))).toThrow(
      /table starts on 2018-01-01/,
    );
    for (const bad of ['2026-02-30', '2026-1-01', '01-01-2026', '2026-01-01T00:00:00Z', '']) {
      expect(() => vatRateOn('NL', 'standard', bad)).toThrow(/YYYY-MM-DD/);
    }
  });
});
