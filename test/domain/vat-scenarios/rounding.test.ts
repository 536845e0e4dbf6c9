/**
 * Rounding traps (domain.md §3.4): VAT is rounded once per (category, rate), half away from zero;
 * for VAT-inclusive prices per group VAT = round(G × r / (100 + r)), net = G − VAT, and the net is spread
 * over the group's lines/charges/allowances by largest remainder so the invoice gross equals what the
 * customer paid, to the cent.
 */
import { describe, it } from 'vitest';
import { box, checkScenario, consumer, goods, oss, ossSeller, type Scenario } from './scenario-support.js';

/** Integer cents → "12.34" (test-side formatting only; expected totals below are hand-computed). */
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** 100 lines: line i (1…100) costs i × 0.07; odd i standard, even i reduced. */
const hundredLines = Array.from({ length: 100 }, (_, k) => {
  const i = k + 1;
  return goods('1', money(i * 7), i % 2 === 1 ? 'standard' : 'reduced');
});
const hundredLineRates = Array.from({ length: 100 }, (_, k) =>
  (k + 1) % 2 === 1 ? (['S', '21'] as const) : (['S', '9'] as const),
);

const rounding: Scenario[] = [
  {
    name: '30 small lines of 0.33 at 21 %: VAT rounded once per rate (2.08, not 30 × 0.07 = 2.10)',
    order: { lines: Array.from({ length: 30 }, () => goods('1', '0.33', 'standard')) },
    // 30 × 0.33 = 9.90; × 0.21 = 2.079 → 2.08; gross 11.98
    expected: {
      lines: Array.from({ length: 30 }, () => ['S', '21'] as const),
      breakdown: [{ category: 'S', rate: '21', taxable: '9.90', vat: '2.08', reporting: box('1a') }],
      notes: [],
      totals: { net: '9.90', vat: '2.08', gross: '11.98', payable: '11.98' },
    },
  },
  {
    name: '0.005 boundary at 21 %: 2.50 × 0.21 = 0.525 → 0.53',
    order: { lines: [goods('1', '2.50', 'standard')] },
    // 0.525 → 0.53 (half away from zero); gross 3.03
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '2.50', vat: '0.53', reporting: box('1a') }],
      notes: [],
      totals: { net: '2.50', vat: '0.53', gross: '3.03', payable: '3.03' },
    },
  },
  {
    name: '0.005 boundary at FR 5.5 % via OSS: 1.00 × 0.055 = 0.055 → 0.06',
    order: { customer: consumer('FR'), lines: [goods('1', '1.00', 'reduced')] },
    seller: ossSeller,
    destinationTaxation: true,
    // 0.055 → 0.06; gross 1.06
    expected: {
      lines: [['S', '5.5']],
      breakdown: [{ category: 'S', rate: '5.5', taxable: '1.00', vat: '0.06', reporting: oss('FR') }],
      notes: [],
      totals: { net: '1.00', vat: '0.06', gross: '1.06', payable: '1.06' },
    },
  },
  {
    name: '0.005 boundary VAT-inclusive at FR 20 % via OSS: 1.23 × 20/120 = 0.205 → 0.21',
    order: { customer: consumer('FR'), pricesIncludeVat: true, lines: [goods('1', '1.23', 'standard')] },
    seller: ossSeller,
    destinationTaxation: true,
    // G 1.23; VAT = 1.23 / 6 = 0.205 → 0.21; net 1.02; gross 1.23
    expected: {
      lines: [['S', '20']],
      lineNets: ['1.02'],
      breakdown: [{ category: 'S', rate: '20', taxable: '1.02', vat: '0.21', reporting: oss('FR') }],
      notes: [],
      totals: { net: '1.02', vat: '0.21', gross: '1.23', payable: '1.23' },
    },
  },
  {
    name: 'domain.md example: 7 × 0.35 incl. 21 % → net 2.02 + VAT 0.43 = 2.45',
    order: { pricesIncludeVat: true, lines: [goods('7', '0.35', 'standard')] },
    // G 2.45; VAT = 2.45 × 21/121 = 0.42521 → 0.43; net 2.02
    expected: {
      lines: [['S', '21']],
      lineNets: ['2.02'],
      breakdown: [{ category: 'S', rate: '21', taxable: '2.02', vat: '0.43', reporting: box('1a') }],
      notes: [],
      totals: { net: '2.02', vat: '0.43', gross: '2.45', payable: '2.45' },
    },
  },
  {
    name: '25 lines of 0.10 incl. 21 %: group VAT 0.43, net cents spread by largest remainder',
    order: {
      pricesIncludeVat: true,
      lines: Array.from({ length: 25 }, () => goods('1', '0.10', 'standard')),
    },
    // G 2.50; VAT = 2.50 × 21/121 = 0.43388 → 0.43; net 2.07 (per line it would be 25 × 0.02 = 0.50)
    // 207 ct over 25 equal weights: 8.28 each → 8 × 25 = 200, 7 ct left → lines 1-7 get 9 ct (ties by index)
    expected: {
      lines: Array.from({ length: 25 }, () => ['S', '21'] as const),
      lineNets: [...Array.from({ length: 7 }, () => '0.09'), ...Array.from({ length: 18 }, () => '0.08')],
      breakdown: [{ category: 'S', rate: '21', taxable: '2.07', vat: '0.43', reporting: box('1a') }],
      notes: [],
      totals: { net: '2.07', vat: '0.43', gross: '2.50', payable: '2.50' },
    },
  },
  {
    name: 'VAT-inclusive mixed basket 21 % + 9 %: gross equals what was paid (12.94)',
    order: {
      pricesIncludeVat: true,
      lines: [goods('3', '2.99', 'standard'), goods('2', '1.49', 'reduced'), goods('1', '0.99', 'standard')],
    },
    // S21 G = 3 × 2.99 + 0.99 = 8.97 + 0.99 = 9.96; VAT = 9.96 × 21/121 = 1.72859 → 1.73; net 8.23
    // S9  G = 2 × 1.49 = 2.98; VAT = 2.98 × 9/109 = 0.24606 → 0.25; net 2.73
    // S21 net 823 ct over [8.97, 0.99]: 741.196 / 81.804 → 741 + 81 = 822, 1 ct → .804 → 7.41 / 0.82
    // net 10.96, VAT 1.98, gross 12.94 = 8.97 + 2.98 + 0.99
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
        ['S', '21'],
      ],
      lineNets: ['7.41', '2.73', '0.82'],
      breakdown: [
        { category: 'S', rate: '21', taxable: '8.23', vat: '1.73', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '2.73', vat: '0.25', reporting: box('1b') },
      ],
      notes: [],
      totals: { net: '10.96', vat: '1.98', gross: '12.94', payable: '12.94' },
    },
  },
  {
    name: 'VAT-inclusive 21 % + 9 % with shipping 4.95 and order discount 5.00 spread pro rata, paid',
    order: {
      pricesIncludeVat: true,
      lines: [goods('1', '24.95', 'standard'), goods('2', '8.50', 'reduced')],
      shipping: { description: 'Verzending', amount: '4.95' },
      discount: { description: 'Korting', amount: '5.00' },
      payment: { status: 'paid', method: 'ideal' },
    },
    // goods gross S21 24.95, S9 17.00 (Σ 41.95)
    // shipping 495 ct: S21 294.404 → 294, S9 200.596 → 200; 1 ct → .596 → S9 201  ⇒ 2.94 / 2.01
    // discount −500 ct: S21 −297.378 → −297, S9 −202.622 → −202; −1 ct → .622 → S9 −203 ⇒ −2.97 / −2.03
    // S21 G = 24.95 + 2.94 − 2.97 = 24.92; VAT = 24.92 × 21/121 = 4.32496 → 4.32; net 20.60
    // S9  G = 17.00 + 2.01 − 2.03 = 16.98; VAT = 16.98 × 9/109 = 1.40202 → 1.40; net 15.58
    // S21 net 2060 ct over [24.95, 2.94, −2.97]/24.92: 2062.480, 243.034, −245.514 → 2062 + 243 − 245 = 2060
    // S9  net 1558 ct over [17.00, 2.01, −2.03]/16.98: 1559.835, 184.428, −186.263 → 1559 + 184 − 186 = 1557,
    //   1 ct → .835 (line) → 1560
    // lineNet 20.62 + 15.60 = 36.22; charges 2.43 + 1.84 = 4.27; allowances 2.45 + 1.86 = 4.31
    // net 36.22 − 4.31 + 4.27 = 36.18; VAT 5.72; gross 41.90 = 41.95 + 4.95 − 5.00 (paid) → payable 0.00
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
      ],
      lineNets: ['20.62', '15.60'],
      allowancesCharges: [
        ['charge', '2.43', 'S', '21'],
        ['allowance', '2.45', 'S', '21'],
        ['charge', '1.84', 'S', '9'],
        ['allowance', '1.86', 'S', '9'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '20.60', vat: '4.32', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '15.58', vat: '1.40', reporting: box('1b') },
      ],
      notes: [],
      totals: {
        lineNet: '36.22',
        charges: '4.27',
        allowances: '4.31',
        net: '36.18',
        vat: '5.72',
        gross: '41.90',
        payable: '0.00',
      },
    },
  },
  {
    name: 'excl. VAT with line discounts, 21 % + 9 %',
    order: {
      lines: [
        goods('3', '19.99', 'standard', '5.00'),
        goods('2', '12.49', 'reduced', '2.49'),
        goods('1', '7.95', 'standard', '0.95'),
      ],
    },
    // 3 × 19.99 = 59.97 − 5.00 = 54.97; 2 × 12.49 = 24.98 − 2.49 = 22.49; 7.95 − 0.95 = 7.00
    // S21 54.97 + 7.00 = 61.97 × 0.21 = 13.0137 → 13.01; S9 22.49 × 0.09 = 2.0241 → 2.02
    // net 84.46, VAT 15.03, gross 99.49
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
        ['S', '21'],
      ],
      lineNets: ['54.97', '22.49', '7.00'],
      breakdown: [
        { category: 'S', rate: '21', taxable: '61.97', vat: '13.01', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '22.49', vat: '2.02', reporting: box('1b') },
      ],
      notes: [],
      totals: { net: '84.46', vat: '15.03', gross: '99.49', payable: '99.49', lineNet: '84.46' },
    },
  },
  {
    name: 'fractional quantity and a 4-decimal unit price: 0.75 × 3.99 and 3 × 0.3333',
    order: { lines: [goods('0.75', '3.99', 'reduced'), goods('3', '0.3333', 'standard')] },
    // 0.75 × 3.99 = 2.9925 → 2.99; 3 × 0.3333 = 0.9999 → 1.00
    // S9 2.99 × 0.09 = 0.2691 → 0.27; S21 1.00 × 0.21 = 0.21; net 3.99, VAT 0.48, gross 4.47
    expected: {
      lines: [
        ['S', '9'],
        ['S', '21'],
      ],
      lineNets: ['2.99', '1.00'],
      breakdown: [
        { category: 'S', rate: '9', taxable: '2.99', vat: '0.27', reporting: box('1b') },
        { category: 'S', rate: '21', taxable: '1.00', vat: '0.21', reporting: box('1a') },
      ],
      notes: [],
      totals: { net: '3.99', vat: '0.48', gross: '4.47', payable: '4.47' },
    },
  },
  {
    name: 'BE 6 % via OSS, VAT-inclusive 3 × 1.99',
    order: { customer: consumer('BE'), pricesIncludeVat: true, lines: [goods('3', '1.99', 'reduced')] },
    seller: ossSeller,
    destinationTaxation: true,
    // G 5.97; VAT = 5.97 × 6/106 = 0.33792 → 0.34; net 5.63
    expected: {
      lines: [['S', '6']],
      lineNets: ['5.63'],
      breakdown: [{ category: 'S', rate: '6', taxable: '5.63', vat: '0.34', reporting: oss('BE') }],
      notes: [],
      totals: { net: '5.63', vat: '0.34', gross: '5.97', payable: '5.97' },
    },
  },
  {
    name: '100-line order excl. VAT (i × 0.07, odd 21 %, even 9 %): 16.065 → 16.07',
    order: { lines: hundredLines },
    // S21: Σ odd i (1…99) = 2500 → 2500 × 0.07 = 175.00; × 0.21 = 36.75
    // S9:  Σ even i (2…100) = 2550 → 178.50; × 0.09 = 16.065 → 16.07
    // net 353.50, VAT 52.82, gross 406.32
    expected: {
      lines: hundredLineRates,
      breakdown: [
        { category: 'S', rate: '21', taxable: '175.00', vat: '36.75', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '178.50', vat: '16.07', reporting: box('1b') },
      ],
      notes: [],
      totals: { net: '353.50', vat: '52.82', gross: '406.32', payable: '406.32', lineNet: '353.50' },
    },
  },
  {
    name: '100-line order incl. VAT (same prices): gross stays 353.50',
    order: { pricesIncludeVat: true, lines: hundredLines },
    // S21 G 175.00: VAT = 175.00 × 21/121 = 30.3719 → 30.37; net 144.63
    // S9  G 178.50: VAT = 178.50 × 9/109 = 14.7385 → 14.74; net 163.76
    // net 308.39, VAT 45.11, gross 353.50
    expected: {
      lines: hundredLineRates,
      breakdown: [
        { category: 'S', rate: '21', taxable: '144.63', vat: '30.37', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '163.76', vat: '14.74', reporting: box('1b') },
      ],
      notes: [],
      totals: { net: '308.39', vat: '45.11', gross: '353.50', payable: '353.50' },
    },
  },
];

describe('VAT scenarios: rounding traps', () => {
  it.each(rounding)('$name', checkScenario);
});
