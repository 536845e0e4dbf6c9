/**
 * Foreign-currency orders (art. 230/91 Directive: the VAT also in EUR; `exchangeRate.rate` = order-currency
 * units per 1 EUR, so EUR VAT = round2(VAT / rate)) and supply dates in Europe/Amsterdam time around
 * midnight, a rate change and a year boundary (the Amsterdam date picks the rate from the dated table).
 */
import { describe, expect, it } from 'vitest';
import {
  box,
  business,
  checkScenario,
  consumer,
  draftFor,
  goods,
  type OrderOverrides,
  oss,
  ossSeller,
  type Scenario,
  TEXT,
} from './scenario-support.js';

const currency: Scenario[] = [
  {
    name: 'USD order, NL consumer, rate 1.0850 USD/EUR → EUR VAT 19.35',
    order: {
      currency: 'USD',
      exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
      lines: [goods('1', '100.00', 'standard')],
    },
    // VAT 100.00 × 0.21 = 21.00 USD; 21.00 / 1.0850 = 19.35483… → 19.35 EUR
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '100.00', vat: '21.00', reporting: box('1a') }],
      notes: [],
      totals: { net: '100.00', vat: '21.00', gross: '121.00', payable: '121.00' },
      taxCurrency: { vat: '19.35', rate: '1.0850' },
    },
  },
  {
    name: 'GBP order, NL consumer, rate 0.8700 GBP/EUR → EUR VAT 9.41',
    order: {
      currency: 'GBP',
      exchangeRate: { rate: '0.8700', date: '2026-11-19', source: 'ECB' },
      lines: [goods('2', '45.50', 'reduced')],
    },
    // 2 × 45.50 = 91.00; VAT × 0.09 = 8.19 GBP; 8.19 / 0.87 = 9.41379… → 9.41 EUR
    expected: {
      lines: [['S', '9']],
      breakdown: [{ category: 'S', rate: '9', taxable: '91.00', vat: '8.19', reporting: box('1b') }],
      notes: [],
      totals: { net: '91.00', vat: '8.19', gross: '99.19', payable: '99.19' },
      taxCurrency: { vat: '9.41', rate: '0.8700' },
    },
  },
  {
    name: 'GBP order, VAT-inclusive 12.10 at 21 %, rate 0.8500 → EUR VAT 2.47',
    order: {
      currency: 'GBP',
      pricesIncludeVat: true,
      exchangeRate: { rate: '0.8500', date: '2026-11-19', source: 'ECB' },
      lines: [goods('1', '12.10', 'standard')],
    },
    // G 12.10; VAT = 12.10 × 21/121 = 2.10; net 10.00; 2.10 / 0.85 = 2.470588… → 2.47 EUR
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '10.00', vat: '2.10', reporting: box('1a') }],
      notes: [],
      totals: { net: '10.00', vat: '2.10', gross: '12.10', payable: '12.10' },
      taxCurrency: { vat: '2.47', rate: '0.8500' },
    },
  },
  {
    name: 'USD order, DE consumer via OSS, rate 1.1234 → EUR VAT 9.98',
    order: {
      currency: 'USD',
      customer: consumer('DE'),
      exchangeRate: { rate: '1.1234', date: '2026-11-19', source: 'ECB' },
      lines: [goods('1', '59.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // VAT 59.00 × 0.19 = 11.21 USD; 11.21 / 1.1234 = 9.97864… → 9.98 EUR
    expected: {
      lines: [['S', '19']],
      breakdown: [{ category: 'S', rate: '19', taxable: '59.00', vat: '11.21', reporting: oss('DE') }],
      notes: [],
      totals: { net: '59.00', vat: '11.21', gross: '70.21', payable: '70.21' },
      taxCurrency: { vat: '9.98', rate: '1.1234' },
    },
  },
  {
    name: 'USD export to a US business → G; EUR VAT 0.00 and the rate still recorded',
    order: {
      currency: 'USD',
      customer: business('US'),
      exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
      lines: [goods('1', '250.00', 'standard')],
    },
    // 250.00 at 0 %; 0.00 / 1.0850 = 0.00
    expected: {
      lines: [['G', '0']],
      breakdown: [
        {
          category: 'G',
          rate: '0',
          taxable: '250.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-G',
          reporting: box('3a'),
        },
      ],
      notes: [TEXT.nl.G],
      totals: { net: '250.00', vat: '0.00', gross: '250.00', payable: '250.00' },
      taxCurrency: { vat: '0.00', rate: '1.0850' },
    },
  },
];

const refused: { name: string; order: OrderOverrides; fields: string[] }[] = [
  {
    name: 'USD order without an exchange rate',
    order: { currency: 'USD', lines: [goods('1', '10.00', 'standard')] },
    fields: ['exchangeRate'],
  },
  {
    name: 'GBP export without an exchange rate (even at 0 % the EUR amount is required)',
    order: { currency: 'GBP', customer: consumer('GB'), lines: [goods('1', '10.00', 'standard')] },
    fields: ['exchangeRate'],
  },
];

const eeStandard = (shippedAt: string, orderedAt = '2025-06-29T10:00:00Z'): OrderOverrides => ({
  customer: consumer('EE'),
  orderedAt,
  shippedAt,
  lines: [goods('1', '50.00', 'standard')],
});

const dates: Scenario[] = [
  {
    name: 'EE shipped 2025-06-30T21:59Z = 23:59 CEST on 30 June → 22 %',
    order: eeStandard('2025-06-30T21:59:00Z'),
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.22 = 11.00
    expected: {
      lines: [['S', '22']],
      supplyDate: '2025-06-30',
      breakdown: [{ category: 'S', rate: '22', taxable: '50.00', vat: '11.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '11.00', gross: '61.00', payable: '61.00' },
    },
  },
  {
    name: 'EE shipped 2025-06-30T22:00Z = 00:00 CEST on 1 July → 24 % (UTC would still say 30 June)',
    order: eeStandard('2025-06-30T22:00:00Z'),
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.24 = 12.00
    expected: {
      lines: [['S', '24']],
      supplyDate: '2025-07-01',
      breakdown: [{ category: 'S', rate: '24', taxable: '50.00', vat: '12.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '12.00', gross: '62.00', payable: '62.00' },
    },
  },
  {
    name: 'EE shipped with an explicit offset 2025-07-01T00:30+02:00 → 24 %',
    order: eeStandard('2025-07-01T00:30:00+02:00'),
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.24 = 12.00
    expected: {
      lines: [['S', '24']],
      supplyDate: '2025-07-01',
      breakdown: [{ category: 'S', rate: '24', taxable: '50.00', vat: '12.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '12.00', gross: '62.00', payable: '62.00' },
    },
  },
  {
    name: 'EE without shippedAt: orderedAt 2025-06-30T22:30Z (00:30 on 1 July) is the supply date → 24 %',
    order: {
      customer: consumer('EE'),
      orderedAt: '2025-06-30T22:30:00Z',
      lines: [goods('1', '50.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.24 = 12.00
    expected: {
      lines: [['S', '24']],
      supplyDate: '2025-07-01',
      breakdown: [{ category: 'S', rate: '24', taxable: '50.00', vat: '12.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '12.00', gross: '62.00', payable: '62.00' },
    },
  },
  {
    name: 'FI shipped 2024-08-31T21:30Z = 23:30 CEST on 31 Aug → 24 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2024-08-30T10:00:00Z',
      shippedAt: '2024-08-31T21:30:00Z',
      lines: [goods('1', '19.90', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 19.90 × 0.24 = 4.776 → 4.78
    expected: {
      lines: [['S', '24']],
      supplyDate: '2024-08-31',
      breakdown: [{ category: 'S', rate: '24', taxable: '19.90', vat: '4.78', reporting: oss('FI') }],
      notes: [],
      totals: { net: '19.90', vat: '4.78', gross: '24.68', payable: '24.68' },
    },
  },
  {
    name: 'FI shipped 2024-08-31T22:30Z = 00:30 CEST on 1 Sep → 25.5 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2024-08-30T10:00:00Z',
      shippedAt: '2024-08-31T22:30:00Z',
      lines: [goods('1', '19.90', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 19.90 × 0.255 = 5.0745 → 5.07
    expected: {
      lines: [['S', '25.5']],
      supplyDate: '2024-09-01',
      breakdown: [{ category: 'S', rate: '25.5', taxable: '19.90', vat: '5.07', reporting: oss('FI') }],
      notes: [],
      totals: { net: '19.90', vat: '5.07', gross: '24.97', payable: '24.97' },
    },
  },
  {
    name: 'Year boundary FI reduced: 2025-12-31T22:59Z = 23:59 CET on 31 Dec → 14 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2025-12-30T10:00:00Z',
      shippedAt: '2025-12-31T22:59:00Z',
      lines: [goods('1', '10.00', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 10.00 × 0.14 = 1.40
    expected: {
      lines: [['S', '14']],
      supplyDate: '2025-12-31',
      breakdown: [{ category: 'S', rate: '14', taxable: '10.00', vat: '1.40', reporting: oss('FI') }],
      notes: [],
      totals: { net: '10.00', vat: '1.40', gross: '11.40', payable: '11.40' },
    },
  },
  {
    name: 'Year boundary FI reduced: 2025-12-31T23:30Z = 00:30 CET on 1 Jan 2026 → 13.5 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2025-12-30T10:00:00Z',
      shippedAt: '2025-12-31T23:30:00Z',
      lines: [goods('1', '10.00', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 10.00 × 0.135 = 1.35
    expected: {
      lines: [['S', '13.5']],
      supplyDate: '2026-01-01',
      breakdown: [{ category: 'S', rate: '13.5', taxable: '10.00', vat: '1.35', reporting: oss('FI') }],
      notes: [],
      totals: { net: '10.00', vat: '1.35', gross: '11.35', payable: '11.35' },
    },
  },
  {
    name: 'Year boundary SK standard: 2024-12-31T23:00Z = 00:00 CET on 1 Jan 2025 → 23 %',
    order: {
      customer: consumer('SK'),
      orderedAt: '2024-12-30T10:00:00Z',
      shippedAt: '2024-12-31T23:00:00Z',
      lines: [goods('1', '100.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 100.00 × 0.23 = 23.00
    expected: {
      lines: [['S', '23']],
      supplyDate: '2025-01-01',
      breakdown: [{ category: 'S', rate: '23', taxable: '100.00', vat: '23.00', reporting: oss('SK') }],
      notes: [],
      totals: { net: '100.00', vat: '23.00', gross: '123.00', payable: '123.00' },
    },
  },
  {
    name: 'Year boundary SK standard: 2024-12-31T22:59:59Z = 23:59:59 CET → 20 %',
    order: {
      customer: consumer('SK'),
      orderedAt: '2024-12-30T10:00:00Z',
      shippedAt: '2024-12-31T22:59:59Z',
      lines: [goods('1', '100.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 100.00 × 0.20 = 20.00
    expected: {
      lines: [['S', '20']],
      supplyDate: '2024-12-31',
      breakdown: [{ category: 'S', rate: '20', taxable: '100.00', vat: '20.00', reporting: oss('SK') }],
      notes: [],
      totals: { net: '100.00', vat: '20.00', gross: '120.00', payable: '120.00' },
    },
  },
  {
    name: 'NL year boundary: reduced shipped 2018-12-31T22:45Z (23:45 CET) → old 6 %, box 1c',
    order: {
      orderedAt: '2018-12-30T10:00:00Z',
      shippedAt: '2018-12-31T22:45:00Z',
      lines: [goods('1', '10.00', 'reduced')],
    },
    // 10.00 × 0.06 = 0.60 (historical rate → box 1c "other rates")
    expected: {
      lines: [['S', '6']],
      supplyDate: '2018-12-31',
      breakdown: [{ category: 'S', rate: '6', taxable: '10.00', vat: '0.60', reporting: box('1c') }],
      notes: [],
      totals: { net: '10.00', vat: '0.60', gross: '10.60', payable: '10.60' },
    },
  },
  {
    name: 'NL year boundary: reduced shipped 2018-12-31T23:15Z (00:15 CET, 1 Jan 2019) → 9 %, box 1b',
    order: {
      orderedAt: '2018-12-30T10:00:00Z',
      shippedAt: '2018-12-31T23:15:00Z',
      lines: [goods('1', '10.00', 'reduced')],
    },
    // 10.00 × 0.09 = 0.90
    expected: {
      lines: [['S', '9']],
      supplyDate: '2019-01-01',
      breakdown: [{ category: 'S', rate: '9', taxable: '10.00', vat: '0.90', reporting: box('1b') }],
      notes: [],
      totals: { net: '10.00', vat: '0.90', gross: '10.90', payable: '10.90' },
    },
  },
];

describe('VAT scenarios: foreign currency', () => {
  it.each(currency)('$name', checkScenario);

  it.each(refused)('refuses: $name', ({ order, fields }) => {
    const result = draftFor({ order });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(fields);
  });
});

describe('VAT scenarios: supply date in Europe/Amsterdam across midnight and year boundaries', () => {
  it.each(dates)('$name', checkScenario);
});
