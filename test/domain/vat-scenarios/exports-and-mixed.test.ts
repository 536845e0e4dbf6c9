/**
 * Goods leaving the EU (export, art. 146 Directive / tabel II a.2 Wet OB: category G, VATEX-EU-G, box 3a)
 * and mixed baskets (goods + services, exempt + standard, destination VAT + Dutch VAT on one invoice).
 */
import { describe, it } from 'vitest';
import {
  address,
  box,
  business,
  checkScenario,
  consumer,
  EXEMPT,
  enSeller,
  goods,
  oss,
  ossSeller,
  type Scenario,
  service,
  TEXT,
  viesValid,
} from './scenario-support.js';

const g = (taxable: string) =>
  ({
    category: 'G',
    rate: '0',
    taxable,
    vat: '0.00',
    exemptionReasonCode: 'VATEX-EU-G',
    reporting: box('3a'),
  }) as const;

const exports: Scenario[] = [
  {
    name: 'US consumer, goods → G, VATEX-EU-G, box 3a, export text',
    order: { customer: consumer('US'), lines: [goods('1', '89.00', 'standard')] },
    // 89.00 at 0 %
    expected: {
      lines: [['G', '0']],
      breakdown: [g('89.00')],
      notes: [TEXT.nl.G],
      totals: { net: '89.00', vat: '0.00', gross: '89.00', payable: '89.00' },
    },
  },
  {
    name: 'CH business, goods + shipping → G (shipping follows the goods)',
    order: {
      customer: business('CH'),
      lines: [goods('2', '45.00', 'standard')],
      shipping: { description: 'Versand', amount: '15.00' },
    },
    // 2 × 45.00 = 90.00 + 15.00 = 105.00 at 0 %
    expected: {
      lines: [['G', '0']],
      allowancesCharges: [['charge', '15.00', 'G', '0']],
      breakdown: [g('105.00')],
      notes: [TEXT.nl.G],
      totals: { net: '105.00', vat: '0.00', gross: '105.00', payable: '105.00', lineNet: '90.00' },
    },
  },
  {
    name: 'GB consumer, VAT-inclusive shop price 121.00, paid → G 121.00, gross = paid',
    order: {
      customer: consumer('GB'),
      pricesIncludeVat: true,
      lines: [goods('1', '121.00', 'standard')],
      payment: { status: 'paid', method: 'paypal' },
    },
    // G = 121.00 at 0 %: VAT 0.00, net 121.00; prepaid 121.00 → payable 0.00
    expected: {
      lines: [['G', '0']],
      lineNets: ['121.00'],
      breakdown: [g('121.00')],
      notes: [TEXT.nl.G],
      totals: { net: '121.00', vat: '0.00', gross: '121.00', payable: '0.00' },
    },
  },
  {
    name: 'NO consumer, reduced + zero + standard goods → one G breakdown',
    order: {
      customer: consumer('NO'),
      lines: [goods('1', '10.00', 'reduced'), goods('1', '20.00', 'zero'), goods('1', '30.00', 'standard')],
    },
    // 10.00 + 20.00 + 30.00 = 60.00, one G/0 group
    expected: {
      lines: [
        ['G', '0'],
        ['G', '0'],
        ['G', '0'],
      ],
      breakdown: [g('60.00')],
      notes: [TEXT.nl.G],
      totals: { net: '60.00', vat: '0.00', gross: '60.00', payable: '60.00' },
    },
  },
  {
    name: 'CH consumer, English invoice → export text in English',
    order: { customer: consumer('CH'), lines: [goods('1', '75.50', 'standard')] },
    seller: enSeller,
    // 75.50 at 0 %
    expected: {
      lines: [['G', '0']],
      breakdown: [g('75.50')],
      notes: [TEXT.en.G],
      totals: { net: '75.50', vat: '0.00', gross: '75.50', payable: '75.50' },
    },
  },
  {
    name: 'Verified DE business, goods delivered in the US → G (export, not ICL; no ICP listing)',
    order: {
      customer: business('DE', 'DE811907980'),
      shipTo: address.US,
      lines: [goods('1', '500.00', 'standard')],
    },
    buyerVatId: viesValid('DE811907980'),
    // 500.00 at 0 %
    expected: {
      lines: [['G', '0']],
      breakdown: [g('500.00')],
      notes: [TEXT.nl.G],
      totals: { net: '500.00', vat: '0.00', gross: '500.00', payable: '500.00' },
    },
  },
];

const mixed: Scenario[] = [
  {
    name: 'US consumer, exported goods + exempt service → G + E, both texts',
    order: {
      customer: consumer('US'),
      lines: [goods('1', '100.00', 'standard'), service('1', '50.00', 'exempt')],
    },
    // G 100.00, E 50.00; VAT 0.00; gross 150.00
    expected: {
      lines: [
        ['G', '0'],
        ['E', '0'],
      ],
      breakdown: [
        g('100.00'),
        { category: 'E', rate: '0', taxable: '50.00', vat: '0.00', reporting: EXEMPT },
      ],
      notes: [TEXT.nl.G, TEXT.nl.E],
      totals: { net: '150.00', vat: '0.00', gross: '150.00', payable: '150.00' },
    },
  },
  {
    name: 'US consumer, exported goods + a service → G + NL 21 % on the service (art. 45)',
    order: {
      customer: consumer('US'),
      lines: [goods('1', '100.00', 'standard'), service('1', '20.00', 'standard')],
    },
    // G 100.00; S21 20.00 × 0.21 = 4.20; net 120.00, VAT 4.20, gross 124.20
    expected: {
      lines: [
        ['G', '0'],
        ['S', '21'],
      ],
      breakdown: [
        g('100.00'),
        { category: 'S', rate: '21', taxable: '20.00', vat: '4.20', reporting: box('1a') },
      ],
      notes: [TEXT.nl.G],
      totals: { net: '120.00', vat: '4.20', gross: '124.20', payable: '124.20' },
    },
  },
  {
    name: 'NL consumer, goods + installation service at 21 % → one S 21 breakdown',
    order: { lines: [goods('1', '30.00', 'standard'), service('1', '20.00', 'standard')] },
    // 30.00 + 20.00 = 50.00; × 0.21 = 10.50; gross 60.50
    expected: {
      lines: [
        ['S', '21'],
        ['S', '21'],
      ],
      breakdown: [{ category: 'S', rate: '21', taxable: '50.00', vat: '10.50', reporting: box('1a') }],
      notes: [],
      totals: { net: '50.00', vat: '10.50', gross: '60.50', payable: '60.50' },
    },
  },
  {
    name: 'DE consumer via OSS, goods + a service → DE 19 % (OSS) next to NL 21 % (box 1a)',
    order: {
      customer: consumer('DE'),
      lines: [goods('1', '50.00', 'standard'), service('1', '30.00', 'standard')],
    },
    seller: ossSeller,
    destinationTaxation: true,
    // S19 50.00 × 0.19 = 9.50 (OSS DE); S21 30.00 × 0.21 = 6.30 (box 1a); net 80.00, VAT 15.80, gross 95.80
    expected: {
      lines: [
        ['S', '19'],
        ['S', '21'],
      ],
      breakdown: [
        { category: 'S', rate: '19', taxable: '50.00', vat: '9.50', reporting: oss('DE') },
        { category: 'S', rate: '21', taxable: '30.00', vat: '6.30', reporting: box('1a') },
      ],
      notes: [],
      totals: { net: '80.00', vat: '15.80', gross: '95.80', payable: '95.80' },
    },
  },
  {
    name: 'DE consumer via OSS, exempt item + 7 % goods + 19 % goods with order discount 6.00',
    order: {
      customer: consumer('DE'),
      lines: [
        goods('1', '40.00', 'standard'),
        goods('1', '15.00', 'reduced'),
        service('1', '5.00', 'exempt'),
      ],
      discount: { description: 'Rabatt', amount: '6.00' },
    },
    seller: ossSeller,
    destinationTaxation: true,
    // weights S19 40.00, S7 15.00, E 5.00 (Σ 60.00); discount −600 ct → −400, −150, −50 (exact)
    // S19 36.00 × 0.19 = 6.84; S7 13.50 × 0.07 = 0.945 → 0.95; E 4.50
    // net 54.00, VAT 7.79, gross 61.79
    expected: {
      lines: [
        ['S', '19'],
        ['S', '7'],
        ['E', '0'],
      ],
      allowancesCharges: [
        ['allowance', '4.00', 'S', '19'],
        ['allowance', '1.50', 'S', '7'],
        ['allowance', '0.50', 'E', '0'],
      ],
      breakdown: [
        { category: 'S', rate: '19', taxable: '36.00', vat: '6.84', reporting: oss('DE') },
        { category: 'S', rate: '7', taxable: '13.50', vat: '0.95', reporting: oss('DE') },
        { category: 'E', rate: '0', taxable: '4.50', vat: '0.00', reporting: EXEMPT },
      ],
      notes: [TEXT.nl.E],
      totals: {
        lineNet: '60.00',
        allowances: '6.00',
        net: '54.00',
        vat: '7.79',
        gross: '61.79',
        payable: '61.79',
      },
    },
  },
];

describe('VAT scenarios: exports outside the EU', () => {
  it.each(exports)('$name', checkScenario);
});

describe('VAT scenarios: mixed baskets', () => {
  it.each(mixed)('$name', checkScenario);
});
