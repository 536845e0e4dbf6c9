/**
 * Goods and services supplied in the Netherlands (domain.md §2.2 row 1, §2.5 boxes 1a/1b/1c/1e).
 * Net prices unless stated; VAT per (category, rate) = round2(taxable × r / 100), half away from zero.
 */
import { describe, it } from 'vitest';
import {
  address,
  box,
  business,
  checkScenario,
  consumer,
  EXEMPT,
  goods,
  ossSeller,
  type Scenario,
  service,
  TEXT,
  viesValid,
} from './scenario-support.js';

const domestic: Scenario[] = [
  {
    name: 'NL consumer, 21 %: 2 × 12.40',
    order: { lines: [goods('2', '12.40', 'standard')] },
    // 2 × 12.40 = 24.80; 24.80 × 0.21 = 5.208 → 5.21; gross 24.80 + 5.21 = 30.01
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '24.80', vat: '5.21', reporting: box('1a') }],
      notes: [],
      totals: { net: '24.80', vat: '5.21', gross: '30.01', payable: '30.01' },
    },
  },
  {
    name: 'NL consumer, 9 %: 3 × 4.99',
    order: { lines: [goods('3', '4.99', 'reduced')] },
    // 3 × 4.99 = 14.97; 14.97 × 0.09 = 1.3473 → 1.35; gross 16.32
    expected: {
      lines: [['S', '9']],
      breakdown: [{ category: 'S', rate: '9', taxable: '14.97', vat: '1.35', reporting: box('1b') }],
      notes: [],
      totals: { net: '14.97', vat: '1.35', gross: '16.32', payable: '16.32' },
    },
  },
  {
    name: 'NL consumer, 21 % + 9 % with shipping 4.95 split pro rata (largest remainder)',
    order: {
      lines: [goods('1', '19.95', 'standard'), goods('2', '7.50', 'reduced')],
      shipping: { description: 'Verzending', amount: '4.95' },
    },
    // goods: S21 19.95, S9 2 × 7.50 = 15.00; Σ 34.95
    // shipping 495 ct: S21 495 × 19.95/34.95 = 282.55 → 282; S9 495 × 15/34.95 = 212.45 → 212;
    //   494 ct, 1 ct left → largest fraction .55 (S21) → S21 2.83, S9 2.12
    // S21 taxable 19.95 + 2.83 = 22.78; × 0.21 = 4.7838 → 4.78
    // S9  taxable 15.00 + 2.12 = 17.12; × 0.09 = 1.5408 → 1.54
    // net 39.90, VAT 6.32, gross 46.22
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
      ],
      lineNets: ['19.95', '15.00'],
      allowancesCharges: [
        ['charge', '2.83', 'S', '21'],
        ['charge', '2.12', 'S', '9'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '22.78', vat: '4.78', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '17.12', vat: '1.54', reporting: box('1b') },
      ],
      notes: [],
      totals: {
        lineNet: '34.95',
        charges: '4.95',
        allowances: '0.00',
        net: '39.90',
        vat: '6.32',
        gross: '46.22',
        payable: '46.22',
      },
    },
  },
  {
    name: 'NL domestic 0 % (zero class) → Z, box 1e, no exemption text (BR-Z-10)',
    order: { lines: [goods('1', '49.00', 'zero')] },
    // 49.00 × 0 % = 0.00
    expected: {
      lines: [['Z', '0']],
      breakdown: [{ category: 'Z', rate: '0', taxable: '49.00', vat: '0.00', reporting: box('1e') }],
      notes: [],
      totals: { net: '49.00', vat: '0.00', gross: '49.00', payable: '49.00' },
    },
  },
  {
    name: 'NL exempt service (art. 11) → E, exemption text, no VATEX code',
    order: { lines: [service('1', '250.00', 'exempt')] },
    // 250.00 exempt, VAT 0.00
    expected: {
      lines: [['E', '0']],
      breakdown: [{ category: 'E', rate: '0', taxable: '250.00', vat: '0.00', reporting: EXEMPT }],
      notes: [TEXT.nl.E],
      totals: { net: '250.00', vat: '0.00', gross: '250.00', payable: '250.00' },
    },
  },
  {
    name: 'DE business with a verified VAT ID, goods delivered in NL → still S 21 (goods stay in NL)',
    order: {
      customer: business('DE', 'DE811907980'),
      shipTo: address.NL2,
      lines: [goods('1', '100.00', 'standard')],
    },
    buyerVatId: viesValid('DE811907980'),
    // 100.00 × 0.21 = 21.00; gross 121.00
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '100.00', vat: '21.00', reporting: box('1a') }],
      notes: [],
      totals: { net: '100.00', vat: '21.00', gross: '121.00', payable: '121.00' },
    },
  },
  {
    name: 'Dutch shop sending vatRate 21 / 9 / 0 instead of vatClass',
    order: {
      lines: [
        { description: 'Pen', quantity: '1', unitPrice: '10.00', vatRate: '21' },
        { description: 'Boek', quantity: '1', unitPrice: '20.00', vatRate: '9' },
        { description: 'Nultarief', quantity: '1', unitPrice: '5.00', vatRate: '0' },
      ],
    },
    // S21 10.00 × 0.21 = 2.10; S9 20.00 × 0.09 = 1.80; Z 5.00 → 0.00
    // net 35.00, VAT 3.90, gross 38.90
    expected: {
      lines: [
        ['S', '21'],
        ['S', '9'],
        ['Z', '0'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '10.00', vat: '2.10', reporting: box('1a') },
        { category: 'S', rate: '9', taxable: '20.00', vat: '1.80', reporting: box('1b') },
        { category: 'Z', rate: '0', taxable: '5.00', vat: '0.00', reporting: box('1e') },
      ],
      notes: [],
      totals: { net: '35.00', vat: '3.90', gross: '38.90', payable: '38.90' },
    },
  },
  {
    name: 'NL consumer, paid at checkout, VAT-inclusive 24.95 → payable 0.00',
    order: {
      pricesIncludeVat: true,
      lines: [goods('1', '24.95', 'standard')],
      payment: { status: 'paid', method: 'ideal' },
    },
    // G = 24.95; VAT = 24.95 × 21/121 = 4.33016… → 4.33; net 24.95 − 4.33 = 20.62; payable 24.95 − 24.95 = 0.00
    expected: {
      lines: [['S', '21']],
      lineNets: ['20.62'],
      breakdown: [{ category: 'S', rate: '21', taxable: '20.62', vat: '4.33', reporting: box('1a') }],
      notes: [],
      totals: { net: '20.62', vat: '4.33', gross: '24.95', payable: '0.00' },
    },
  },
  {
    name: 'Dutch business with a verified NL VAT ID buying a service → S 21 (no reverse charge at home)',
    order: { customer: business('NL', 'NL000099998B57'), lines: [service('1', '150.00', 'standard')] },
    buyerVatId: viesValid('NL000099998B57'),
    // 150.00 × 0.21 = 31.50; gross 181.50
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '150.00', vat: '31.50', reporting: box('1a') }],
      notes: [],
      totals: { net: '150.00', vat: '31.50', gross: '181.50', payable: '181.50' },
    },
  },
  {
    name: 'NL consumer while destination taxation is on (OSS seller) → still NL VAT, box 1b',
    order: { lines: [goods('2', '3.25', 'reduced')] },
    seller: ossSeller,
    destinationTaxation: true,
    // 2 × 3.25 = 6.50; × 0.09 = 0.585 → 0.59 (half away from zero); gross 7.09
    expected: {
      lines: [['S', '9']],
      breakdown: [{ category: 'S', rate: '9', taxable: '6.50', vat: '0.59', reporting: box('1b') }],
      notes: [],
      totals: { net: '6.50', vat: '0.59', gross: '7.09', payable: '7.09' },
    },
  },
  {
    name: 'NL mixed basket exempt service + 21 % goods, order discount 10.00 pro rata',
    order: {
      lines: [goods('1', '80.00', 'standard'), service('1', '20.00', 'exempt')],
      discount: { description: 'Korting', amount: '10.00' },
    },
    // weights S21 80.00, E 20.00 (Σ 100.00); discount −1000 ct → S21 −800, E −200 (exact)
    // S21 taxable 80.00 − 8.00 = 72.00; × 0.21 = 15.12
    // E   taxable 20.00 − 2.00 = 18.00; VAT 0.00
    // net 90.00, VAT 15.12, gross 105.12
    expected: {
      lines: [
        ['S', '21'],
        ['E', '0'],
      ],
      allowancesCharges: [
        ['allowance', '8.00', 'S', '21'],
        ['allowance', '2.00', 'E', '0'],
      ],
      breakdown: [
        { category: 'S', rate: '21', taxable: '72.00', vat: '15.12', reporting: box('1a') },
        { category: 'E', rate: '0', taxable: '18.00', vat: '0.00', reporting: EXEMPT },
      ],
      notes: [TEXT.nl.E],
      totals: {
        lineNet: '100.00',
        allowances: '10.00',
        charges: '0.00',
        net: '90.00',
        vat: '15.12',
        gross: '105.12',
        payable: '105.12',
      },
    },
  },
  {
    name: 'NL consumer buying a 9 % service and 21 % goods: both domestic S',
    order: {
      customer: consumer('NL'),
      lines: [service('1', '35.00', 'reduced'), goods('1', '12.00', 'standard')],
    },
    // S9 35.00 × 0.09 = 3.15; S21 12.00 × 0.21 = 2.52; net 47.00, VAT 5.67, gross 52.67
    expected: {
      lines: [
        ['S', '9'],
        ['S', '21'],
      ],
      breakdown: [
        { category: 'S', rate: '9', taxable: '35.00', vat: '3.15', reporting: box('1b') },
        { category: 'S', rate: '21', taxable: '12.00', vat: '2.52', reporting: box('1a') },
      ],
      notes: [],
      totals: { net: '47.00', vat: '5.67', gross: '52.67', payable: '52.67' },
    },
  },
];

describe('VAT scenarios: Dutch domestic supplies', () => {
  it.each(domestic)('$name', checkScenario);
});
