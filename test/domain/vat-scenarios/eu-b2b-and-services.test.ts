/**
 * Intra-EU B2B goods (ICL, art. 138 Directive; category K, VATEX-EU-IC, box 3b, ICP goods), buyers whose
 * VAT ID is invalid or unverified (treated as consumers, domain.md §2.2 row 5 / §2.4), and services by the
 * general rules: B2B art. 44 (reverse charge AE inside the EU, outside scope O for a business outside the
 * EU) and B2C art. 45 (Dutch VAT).
 */
import { describe, it } from 'vitest';
import {
  address,
  box,
  business,
  checkScenario,
  checksumRejected,
  consumer,
  enSeller,
  goods,
  OUTSIDE_SCOPE,
  oss,
  ossSeller,
  type Scenario,
  service,
  TEXT,
  viesInvalid,
  viesValid,
} from './scenario-support.js';

const icl: Scenario[] = [
  {
    name: 'ICL to a verified DE business, with shipping → K 0 %, VATEX-EU-IC, 3b, ICP goods',
    order: {
      customer: business('DE', 'DE811907980'),
      lines: [goods('2', '150.00', 'standard')],
      shipping: { description: 'Verzending', amount: '12.50' },
    },
    buyerVatId: viesValid('DE811907980'),
    // 2 × 150.00 = 300.00 + shipping 12.50 (follows the goods: K) = 312.50; VAT 0.00
    expected: {
      lines: [['K', '0']],
      allowancesCharges: [['charge', '12.50', 'K', '0']],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '312.50',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '312.50', vat: '0.00', gross: '312.50', payable: '312.50', charges: '12.50' },
    },
  },
  {
    name: 'ICL to a verified BE business: standard and reduced items share one K breakdown',
    order: {
      customer: business('BE', 'BE0403019261'),
      lines: [goods('1', '80.00', 'standard'), goods('4', '5.00', 'reduced')],
    },
    buyerVatId: viesValid('BE0403019261'),
    // 80.00 + 4 × 5.00 = 100.00, one K/0 group
    expected: {
      lines: [
        ['K', '0'],
        ['K', '0'],
      ],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '100.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '100.00', vat: '0.00', gross: '100.00', payable: '100.00' },
    },
  },
  {
    name: 'ICL to a verified Greek business (prefix EL, country GR) → K',
    order: { customer: business('GR', 'EL094014201'), lines: [goods('1', '60.00', 'standard')] },
    buyerVatId: viesValid('EL094014201'),
    // 60.00, VAT 0.00
    expected: {
      lines: [['K', '0']],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '60.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '60.00', vat: '0.00', gross: '60.00', payable: '60.00' },
    },
  },
  {
    name: 'ICL: verified DE business, goods delivered in BE → K (any other member state)',
    order: {
      customer: business('DE', 'DE811907980'),
      shipTo: address.BE,
      lines: [goods('1', '200.00', 'standard')],
    },
    buyerVatId: viesValid('DE811907980'),
    // 200.00, VAT 0.00
    expected: {
      lines: [['K', '0']],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '200.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '200.00', vat: '0.00', gross: '200.00', payable: '200.00' },
    },
  },
  {
    name: 'ICL while destination taxation is on (OSS seller): the threshold only concerns consumers → K',
    order: { customer: business('DE', 'DE811907980'), lines: [goods('1', '45.00', 'reduced')] },
    buyerVatId: viesValid('DE811907980'),
    seller: ossSeller,
    destinationTaxation: true,
    // 45.00, VAT 0.00
    expected: {
      lines: [['K', '0']],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '45.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '45.00', vat: '0.00', gross: '45.00', payable: '45.00' },
    },
  },
  {
    name: 'ICL with VAT-inclusive shop prices, paid: the 121.00 paid becomes the 0 % taxable amount',
    order: {
      customer: business('DE', 'DE811907980'),
      pricesIncludeVat: true,
      lines: [goods('1', '121.00', 'standard')],
      payment: { status: 'paid', method: 'ideal' },
    },
    buyerVatId: viesValid('DE811907980'),
    // G 121.00 at 0 %: VAT = 121.00 × 0/100 = 0.00, net 121.00; gross = paid 121.00; payable 0.00
    expected: {
      lines: [['K', '0']],
      lineNets: ['121.00'],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '121.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
      ],
      notes: [TEXT.nl.K],
      totals: { net: '121.00', vat: '0.00', gross: '121.00', payable: '0.00' },
    },
  },
];

const notVerified: Scenario[] = [
  {
    name: 'DE business whose VAT ID VIES reports invalid, below the threshold → consumer, NL 21 %',
    order: { customer: business('DE', 'DE999999999'), lines: [goods('1', '100.00', 'standard')] },
    buyerVatId: viesInvalid('DE999999999'),
    // 100.00 × 0.21 = 21.00; gross 121.00
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '100.00', vat: '21.00', reporting: box('1a') }],
      notes: [],
      totals: { net: '100.00', vat: '21.00', gross: '121.00', payable: '121.00' },
    },
  },
  {
    name: 'DE business whose VAT ID VIES reports invalid, destination taxation via OSS → DE 19 %',
    order: { customer: business('DE', 'DE999999999'), lines: [goods('1', '100.00', 'standard')] },
    buyerVatId: viesInvalid('DE999999999'),
    seller: ossSeller,
    destinationTaxation: true,
    // 100.00 × 0.19 = 19.00; gross 119.00
    expected: {
      lines: [['S', '19']],
      breakdown: [{ category: 'S', rate: '19', taxable: '100.00', vat: '19.00', reporting: oss('DE') }],
      notes: [],
      totals: { net: '100.00', vat: '19.00', gross: '119.00', payable: '119.00' },
    },
  },
  {
    name: 'DE business with a VAT ID on the order that was never verified (no buyerVatId) → NL 21 %',
    order: { customer: business('DE', 'DE811907980'), lines: [goods('1', '50.00', 'standard')] },
    // 50.00 × 0.21 = 10.50; gross 60.50
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '50.00', vat: '10.50', reporting: box('1a') }],
      notes: [],
      totals: { net: '50.00', vat: '10.50', gross: '60.50', payable: '60.50' },
    },
  },
  {
    name: 'FR business, VAT ID rejected on check digits, destination taxation via OSS → FR 20 %',
    order: { customer: business('FR', 'FR00000000000'), lines: [goods('1', '25.00', 'standard')] },
    buyerVatId: checksumRejected('FR00000000000'),
    seller: ossSeller,
    destinationTaxation: true,
    // 25.00 × 0.20 = 5.00; gross 30.00
    expected: {
      lines: [['S', '20']],
      breakdown: [{ category: 'S', rate: '20', taxable: '25.00', vat: '5.00', reporting: oss('FR') }],
      notes: [],
      totals: { net: '25.00', vat: '5.00', gross: '30.00', payable: '30.00' },
    },
  },
];

const services: Scenario[] = [
  {
    name: 'Service to a verified DE business → AE reverse charge, VATEX-EU-AE, 3b, ICP services, "Btw verlegd"',
    order: { customer: business('DE', 'DE811907980'), lines: [service('1', '500.00', 'standard')] },
    buyerVatId: viesValid('DE811907980'),
    // 500.00, VAT 0.00 (the customer accounts for DE VAT)
    expected: {
      lines: [['AE', '0']],
      breakdown: [
        {
          category: 'AE',
          rate: '0',
          taxable: '500.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-AE',
          reporting: box('3b'),
          icp: 'services',
        },
      ],
      notes: [TEXT.nl.AE],
      totals: { net: '500.00', vat: '0.00', gross: '500.00', payable: '500.00' },
    },
  },
  {
    name: 'Service to a verified BE business, English invoice → "Reverse charge"',
    order: { customer: business('BE', 'BE0403019261'), lines: [service('2', '95.00', 'standard')] },
    buyerVatId: viesValid('BE0403019261'),
    seller: enSeller,
    // 2 × 95.00 = 190.00, VAT 0.00
    expected: {
      lines: [['AE', '0']],
      breakdown: [
        {
          category: 'AE',
          rate: '0',
          taxable: '190.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-AE',
          reporting: box('3b'),
          icp: 'services',
        },
      ],
      notes: [TEXT.en.AE],
      totals: { net: '190.00', vat: '0.00', gross: '190.00', payable: '190.00' },
    },
  },
  {
    name: 'Reduced-class service to a verified FR business → AE (the class does not matter)',
    order: { customer: business('FR', 'FR40303265045'), lines: [service('1', '40.00', 'reduced')] },
    buyerVatId: viesValid('FR40303265045'),
    // 40.00, VAT 0.00
    expected: {
      lines: [['AE', '0']],
      breakdown: [
        {
          category: 'AE',
          rate: '0',
          taxable: '40.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-AE',
          reporting: box('3b'),
          icp: 'services',
        },
      ],
      notes: [TEXT.nl.AE],
      totals: { net: '40.00', vat: '0.00', gross: '40.00', payable: '40.00' },
    },
  },
  {
    name: 'Service to a DE consumer → NL 21 % (art. 45)',
    order: { customer: consumer('DE'), lines: [service('1', '40.00', 'standard')] },
    // 40.00 × 0.21 = 8.40; gross 48.40
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '40.00', vat: '8.40', reporting: box('1a') }],
      notes: [],
      totals: { net: '40.00', vat: '8.40', gross: '48.40', payable: '48.40' },
    },
  },
  {
    name: 'Service to a FR consumer with destination taxation on (OSS) → still NL 21 %: not a distance sale',
    order: { customer: consumer('FR'), lines: [service('1', '60.00', 'standard')] },
    seller: ossSeller,
    destinationTaxation: true,
    // 60.00 × 0.21 = 12.60; gross 72.60
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '60.00', vat: '12.60', reporting: box('1a') }],
      notes: [],
      totals: { net: '60.00', vat: '12.60', gross: '72.60', payable: '72.60' },
    },
  },
  {
    name: 'Service to a DE business whose VAT ID is invalid → NL 21 %, no reverse charge',
    order: { customer: business('DE', 'DE999999999'), lines: [service('1', '300.00', 'standard')] },
    buyerVatId: viesInvalid('DE999999999'),
    // 300.00 × 0.21 = 63.00; gross 363.00
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '300.00', vat: '63.00', reporting: box('1a') }],
      notes: [],
      totals: { net: '300.00', vat: '63.00', gross: '363.00', payable: '363.00' },
    },
  },
  {
    name: 'Service to a US business → O, outside scope, VATEX-EU-O',
    order: { customer: business('US'), lines: [service('1', '1200.00', 'standard')] },
    // 1200.00, no Dutch VAT
    expected: {
      lines: [['O', '0']],
      breakdown: [
        {
          category: 'O',
          rate: '0',
          taxable: '1200.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-O',
          reporting: OUTSIDE_SCOPE,
        },
      ],
      notes: [TEXT.nl.O],
      totals: { net: '1200.00', vat: '0.00', gross: '1200.00', payable: '1200.00' },
    },
  },
  {
    name: 'Service to a Swiss business, English invoice → O with the English text',
    order: { customer: business('CH'), lines: [service('3', '80.00', 'standard')] },
    seller: enSeller,
    // 3 × 80.00 = 240.00
    expected: {
      lines: [['O', '0']],
      breakdown: [
        {
          category: 'O',
          rate: '0',
          taxable: '240.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-O',
          reporting: OUTSIDE_SCOPE,
        },
      ],
      notes: [TEXT.en.O],
      totals: { net: '240.00', vat: '0.00', gross: '240.00', payable: '240.00' },
    },
  },
  {
    name: 'Service to a US consumer → NL 21 % (general B2C rule)',
    order: { customer: consumer('US'), lines: [service('1', '25.00', 'standard')] },
    // 25.00 × 0.21 = 5.25; gross 30.25
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '25.00', vat: '5.25', reporting: box('1a') }],
      notes: [],
      totals: { net: '25.00', vat: '5.25', gross: '30.25', payable: '30.25' },
    },
  },
  {
    name: 'Service to a Dutch business (NL VAT ID, unverified) → S 21 %',
    order: { customer: business('NL', 'NL000099998B57'), lines: [service('2', '62.50', 'standard')] },
    // 2 × 62.50 = 125.00; × 0.21 = 26.25; gross 151.25
    expected: {
      lines: [['S', '21']],
      breakdown: [{ category: 'S', rate: '21', taxable: '125.00', vat: '26.25', reporting: box('1a') }],
      notes: [],
      totals: { net: '125.00', vat: '26.25', gross: '151.25', payable: '151.25' },
    },
  },
  {
    name: 'Verified DE business buying goods and a service → K + AE, both texts',
    order: {
      customer: business('DE', 'DE811907980'),
      lines: [goods('1', '200.00', 'standard'), service('1', '50.00', 'standard')],
    },
    buyerVatId: viesValid('DE811907980'),
    // K 200.00 (ICP goods) + AE 50.00 (ICP services); VAT 0.00; gross 250.00
    expected: {
      lines: [
        ['K', '0'],
        ['AE', '0'],
      ],
      breakdown: [
        {
          category: 'K',
          rate: '0',
          taxable: '200.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-IC',
          reporting: box('3b'),
          icp: 'goods',
        },
        {
          category: 'AE',
          rate: '0',
          taxable: '50.00',
          vat: '0.00',
          exemptionReasonCode: 'VATEX-EU-AE',
          reporting: box('3b'),
          icp: 'services',
        },
      ],
      notes: [TEXT.nl.K, TEXT.nl.AE],
      totals: { net: '250.00', vat: '0.00', gross: '250.00', payable: '250.00' },
    },
  },
];

describe('VAT scenarios: intra-Community supplies of goods to verified businesses', () => {
  it.each(icl)('$name', checkScenario);
});

describe('VAT scenarios: business buyers whose VAT ID is invalid or unverified are consumers', () => {
  it.each(notVerified)('$name', checkScenario);
});

describe('VAT scenarios: services (art. 44 B2B / art. 45 B2C)', () => {
  it.each(services)('$name', checkScenario);
});
