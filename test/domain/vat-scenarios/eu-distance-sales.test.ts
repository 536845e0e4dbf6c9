/**
 * B2C goods shipped from NL to another member state (domain.md §2.2 rows 2-3, §2.3; art. 33 (a), 59c and
 * 369a ff. Directive 2006/112/EC). Below the EUR 10,000 threshold: Dutch VAT, boxes 1a/1b. Above it (or
 * opted in, `destinationTaxation: true`): the destination rate, reported in the OSS return when the seller is
 * OSS-registered, else through a foreign registration ('foreign'). The supply date (shippedAt, Amsterdam)
 * picks the rate from the dated table (src/domain/vat/rates/eu-vat-rate-table.ts).
 */
import { describe, it } from 'vitest';
import {
  box,
  checkScenario,
  consumer,
  foreign,
  goods,
  nlSeller,
  oss,
  ossSeller,
  type Scenario,
} from './scenario-support.js';

const belowThreshold: Scenario[] = [
  {
    name: 'DE consumer below the threshold → NL 21 % and 9 %',
    order: {
      customer: consumer('DE'),
      lines: [goods('1', '59.90', 'standard'), goods('2', '4.50', 'reduced')],
    },
    // S21 59.90 × 0.21 = 12.579 → 12.58; S9 2 × 4.50 = 9.00 × 0.09 = 0.81
    // net 68.90, VAT 13.39, gross 82.29
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '59.90', vat: '12.58', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '9.00', vat: '0.81', reporting: box('1b') },
      ],
      notes: [],
      totals: { net: '68.90', vat: '13.39', gross: '82.29', payable: '82.29' },
    },
  },
  {
    name: 'BE consumer below the threshold → NL 21 %',
    order: { customer: consumer('BE'), lines: [goods('1', '100.00', 'standard')] },
    // 100.00 × 0.21 = 21.00; gross 121.00
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '100.00', vat: '21.00', reporting: box('1a') }],
      notes: [],
      totals: { net: '100.00', vat: '21.00', gross: '121.00', payable: '121.00' },
    },
  },
  {
    name: 'FR consumer below the threshold → NL 9 % (not the French 5.5 %)',
    order: { customer: consumer('FR'), lines: [goods('4', '2.35', 'reduced')] },
    // 4 × 2.35 = 9.40; × 0.09 = 0.846 → 0.85; gross 10.25
    expected: {
      lines: [['S', '9']],
      breakdown: [{ category: 'S', rate: '9', taxable: '9.40', vat: '0.85', reporting: box('1b') }],
      notes: [],
      totals: { net: '9.40', vat: '0.85', gross: '10.25', payable: '10.25' },
    },
  },
  {
    name: 'DE consumer below the threshold but the seller is OSS-registered → still NL VAT',
    order: { customer: consumer('DE'), lines: [goods('1', '10.00', 'standard')] },
    seller: ossSeller,
    destinationTaxation: false,
    // 10.00 × 0.21 = 2.10; gross 12.10
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '10.00', vat: '2.10', reporting: box('1a') }],
      notes: [],
      totals: { net: '10.00', vat: '2.10', gross: '12.10', payable: '12.10' },
    },
  },
];

const aboveThresholdOss: Scenario[] = [
  {
    name: 'DE consumer via OSS → 19 % / 7 %',
    order: {
      customer: consumer('DE'),
      lines: [goods('1', '100.00', 'standard'), goods('1', '20.00', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S19 100.00 × 0.19 = 19.00; S7 20.00 × 0.07 = 1.40; net 120.00, VAT 20.40, gross 140.40
    expected: {
      lines: [
        ['S', '19'],
        ['S', '7'],
      ],
      breakdown: [
        { category: 'S', rate: '19', taxable: '100.00', vat: '19.00', reporting: oss('DE') },
        { category: 'S', rate: '7', taxable: '20.00', vat: '1.40', reporting: oss('DE') },
      ],
      notes: [],
      totals: { net: '120.00', vat: '20.40', gross: '140.40', payable: '140.40' },
    },
  },
  {
    name: 'BE consumer via OSS → 21 % / 6 %',
    order: {
      customer: consumer('BE'),
      lines: [goods('1', '33.33', 'standard'), goods('1', '12.50', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S21 33.33 × 0.21 = 6.9993 → 7.00; S6 12.50 × 0.06 = 0.75; net 45.83, VAT 7.75, gross 53.58
    // (BE 21 % is its own OSS rate, not the Dutch 21 %: reporting OSS BE, not box 1a)
    expected: {
      lines: [
        ['S', '21'],
        ['S', '6'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '33.33', vat: '7.00', reporting: oss('BE') },
        { category: 'S', rate: '6', taxable: '12.50', vat: '0.75', reporting: oss('BE') },
      ],
      notes: [],
      totals: { net: '45.83', vat: '7.75', gross: '53.58', payable: '53.58' },
    },
  },
  {
    name: 'FR consumer via OSS → 20 % / 5.5 %',
    order: {
      customer: consumer('FR'),
      lines: [goods('1', '49.99', 'standard'), goods('3', '3.10', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S20 49.99 × 0.20 = 9.998 → 10.00; S5.5 3 × 3.10 = 9.30 × 0.055 = 0.5115 → 0.51
    // net 59.29, VAT 10.51, gross 69.80
    expected: {
      lines: [
        ['S', '20'],
        ['S', '5.5'],
      ],
      breakdown: [
        { category: 'S', rate: '20', taxable: '49.99', vat: '10.00', reporting: oss('FR') },
        { category: 'S', rate: '5.5', taxable: '9.30', vat: '0.51', reporting: oss('FR') },
      ],
      notes: [],
      totals: { net: '59.29', vat: '10.51', gross: '69.80', payable: '69.80' },
    },
  },
  {
    name: 'AT consumer via OSS → 20 % / 10 % (0.895 rounds half away to 0.90)',
    order: {
      customer: consumer('AT'),
      lines: [goods('1', '75.00', 'standard'), goods('1', '8.95', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S20 75.00 × 0.20 = 15.00; S10 8.95 × 0.10 = 0.895 → 0.90; net 83.95, VAT 15.90, gross 99.85
    expected: {
      lines: [
        ['S', '20'],
        ['S', '10'],
      ],
      breakdown: [
        { category: 'S', rate: '20', taxable: '75.00', vat: '15.00', reporting: oss('AT') },
        { category: 'S', rate: '10', taxable: '8.95', vat: '0.90', reporting: oss('AT') },
      ],
      notes: [],
      totals: { net: '83.95', vat: '15.90', gross: '99.85', payable: '99.85' },
    },
  },
  {
    name: 'DE consumer via OSS, VAT-inclusive 29.99 at 19 %, paid',
    order: {
      customer: consumer('DE'),
      pricesIncludeVat: true,
      lines: [goods('1', '29.99', 'standard')],
      payment: { status: 'paid', method: 'creditcard' },
    },
    seller: ossSeller,
    destinationTaxation: true,
    // G 29.99; VAT = 29.99 × 19/119 = 569.81/119 = 4.78832… → 4.79; net 25.20; gross 29.99; payable 0.00
    expected: {
      lines: [['S', '19']],
      lineNets: ['25.20'],
      breakdown: [{ category: 'S', rate: '19', taxable: '25.20', vat: '4.79', reporting: oss('DE') }],
      notes: [],
      totals: { net: '25.20', vat: '4.79', gross: '29.99', payable: '0.00' },
    },
  },
  {
    name: 'AT consumer via OSS, VAT-inclusive 24.00 at 20 % + 11.00 at 10 %',
    order: {
      customer: consumer('AT'),
      pricesIncludeVat: true,
      lines: [goods('1', '24.00', 'standard'), goods('1', '11.00', 'reduced')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S20: 24.00 × 20/120 = 4.00, net 20.00; S10: 11.00 × 10/110 = 1.00, net 10.00; gross 35.00
    expected: {
      lines: [
        ['S', '20'],
        ['S', '10'],
      ],
      lineNets: ['20.00', '10.00'],
      breakdown: [
        { category: 'S', rate: '20', taxable: '20.00', vat: '4.00', reporting: oss('AT') },
        { category: 'S', rate: '10', taxable: '10.00', vat: '1.00', reporting: oss('AT') },
      ],
      notes: [],
      totals: { net: '30.00', vat: '5.00', gross: '35.00', payable: '35.00' },
    },
  },
  {
    name: 'BE consumer via OSS with a zero-class item and shipping → S 21 (BE) + Z, both OSS BE',
    order: {
      customer: consumer('BE'),
      lines: [goods('1', '40.00', 'standard'), goods('1', '10.00', 'zero')],
      shipping: { description: 'Verzending', amount: '5.00' },
    },
    seller: ossSeller,
    destinationTaxation: true,
    // weights S21 40.00, Z 10.00 (Σ 50.00); shipping 500 ct → 400 / 100 (exact)
    // S21 taxable 44.00 × 0.21 = 9.24; Z 11.00 → 0.00; net 55.00, VAT 9.24, gross 64.24
    expected: {
      lines: [
        ['S', '21'],
        ['Z', '0'],
      ],
      allowancesCharges: [
        ['charge', '4.00', 'S', '21'],
        ['charge', '1.00', 'Z', '0'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '44.00', vat: '9.24', reporting: oss('BE') },
        { category: 'Z', rate: '0', taxable: '11.00', vat: '0.00', reporting: oss('BE') },
      ],
      notes: [],
      totals: { net: '55.00', vat: '9.24', gross: '64.24', payable: '64.24' },
    },
  },
  {
    name: 'FI consumer via OSS in 2026 → reduced 13.5 % (cut from 14 % on 2026-01-01)',
    order: { customer: consumer('FI'), lines: [goods('1', '10.00', 'reduced')] },
    seller: ossSeller,
    destinationTaxation: true,
    // 10.00 × 0.135 = 1.35; gross 11.35
    expected: {
      lines: [['S', '13.5']],
      breakdown: [{ category: 'S', rate: '13.5', taxable: '10.00', vat: '1.35', reporting: oss('FI') }],
      notes: [],
      totals: { net: '10.00', vat: '1.35', gross: '11.35', payable: '11.35' },
    },
  },
];

const aboveThresholdWithoutOss: Scenario[] = [
  {
    name: 'DE consumer above the threshold, seller NOT in OSS → 19 %, reported through a DE registration',
    order: { customer: consumer('DE'), lines: [goods('1', '100.00', 'standard')] },
    seller: nlSeller,
    destinationTaxation: true,
    // 100.00 × 0.19 = 19.00; gross 119.00
    expected: {
      lines: [['S', '19']],
      breakdown: [{ category: 'S', rate: '19', taxable: '100.00', vat: '19.00', reporting: foreign('DE') }],
      notes: [],
      totals: { net: '100.00', vat: '19.00', gross: '119.00', payable: '119.00' },
    },
  },
  {
    name: 'FR consumer above the threshold, seller NOT in OSS → 5.5 %, foreign FR',
    order: { customer: consumer('FR'), lines: [goods('1', '10.00', 'reduced')] },
    destinationTaxation: true,
    // 10.00 × 0.055 = 0.55; gross 10.55
    expected: {
      lines: [['S', '5.5']],
      breakdown: [{ category: 'S', rate: '5.5', taxable: '10.00', vat: '0.55', reporting: foreign('FR') }],
      notes: [],
      totals: { net: '10.00', vat: '0.55', gross: '10.55', payable: '10.55' },
    },
  },
];

const datedRates: Scenario[] = [
  {
    name: 'EE via OSS, shipped 2025-06-15 → standard 22 %',
    order: {
      customer: consumer('EE'),
      orderedAt: '2025-06-14T09:00:00Z',
      shippedAt: '2025-06-15T09:00:00Z',
      lines: [goods('1', '50.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.22 = 11.00; gross 61.00
    expected: {
      lines: [['S', '22']],
      supplyDate: '2025-06-15',
      breakdown: [{ category: 'S', rate: '22', taxable: '50.00', vat: '11.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '11.00', gross: '61.00', payable: '61.00' },
    },
  },
  {
    name: 'EE via OSS, ordered 2025-06-28 but shipped 2025-07-02 → 24 % (the supply date counts)',
    order: {
      customer: consumer('EE'),
      orderedAt: '2025-06-28T09:00:00Z',
      shippedAt: '2025-07-02T09:00:00Z',
      lines: [goods('1', '50.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 50.00 × 0.24 = 12.00; gross 62.00
    expected: {
      lines: [['S', '24']],
      supplyDate: '2025-07-02',
      breakdown: [{ category: 'S', rate: '24', taxable: '50.00', vat: '12.00', reporting: oss('EE') }],
      notes: [],
      totals: { net: '50.00', vat: '12.00', gross: '62.00', payable: '62.00' },
    },
  },
  {
    name: 'FI via OSS, shipped 2024-08-15 → standard 24 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2024-08-14T09:00:00Z',
      shippedAt: '2024-08-15T09:00:00Z',
      lines: [goods('1', '19.90', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 19.90 × 0.24 = 4.776 → 4.78; gross 24.68
    expected: {
      lines: [['S', '24']],
      breakdown: [{ category: 'S', rate: '24', taxable: '19.90', vat: '4.78', reporting: oss('FI') }],
      notes: [],
      totals: { net: '19.90', vat: '4.78', gross: '24.68', payable: '24.68' },
    },
  },
  {
    name: 'FI via OSS, ordered 2024-08-28, shipped 2024-09-03 → standard 25.5 %',
    order: {
      customer: consumer('FI'),
      orderedAt: '2024-08-28T09:00:00Z',
      shippedAt: '2024-09-03T09:00:00Z',
      lines: [goods('1', '19.90', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // 19.90 × 0.255 = 5.0745 → 5.07; gross 24.97
    expected: {
      lines: [['S', '25.5']],
      supplyDate: '2024-09-03',
      breakdown: [{ category: 'S', rate: '25.5', taxable: '19.90', vat: '5.07', reporting: oss('FI') }],
      notes: [],
      totals: { net: '19.90', vat: '5.07', gross: '24.97', payable: '24.97' },
    },
  },
];

describe('VAT scenarios: EU B2C distance sales below the threshold (NL VAT)', () => {
  it.each(belowThreshold)('$name', checkScenario);
});

describe('VAT scenarios: EU B2C distance sales above the threshold via OSS (destination VAT)', () => {
  it.each(aboveThresholdOss)('$name', checkScenario);
});

describe('VAT scenarios: EU B2C distance sales above the threshold without OSS', () => {
  it.each(aboveThresholdWithoutOss)('$name', checkScenario);
});

describe('VAT scenarios: destination rates before and after a rate change', () => {
  it.each(datedRates)('$name', checkScenario);
});
