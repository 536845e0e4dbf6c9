/**
 * Shared fixtures for the table-driven VAT scenarios: parties, sellers, VAT-ID verifications and one
 * `checkScenario` that drafts the invoice and compares it with the hand-computed expectation.
 *
 * Every expected amount lives in the scenario tables themselves (with the arithmetic in a comment);
 * nothing here computes an expected value.
 */
import { expect } from 'vitest';
import { draftInvoice, type InvoiceDraft } from '../../../src/domain/invoice/invoice-calculation.js';
import type { VatCategory } from '../../../src/domain/invoice/invoice-document.js';
import { type Order, type OrderInput, orderSchema } from '../../../src/domain/order/order.js';
import type { Address } from '../../../src/domain/shared/schemas.js';
import { type SellerSettings, sellerSettingsSchema } from '../../../src/domain/tenant/seller-settings.js';
import type { VatReporting } from '../../../src/domain/vat/vat-decision.js';
import type { VatIdVerification } from '../../../src/domain/vat/vat-id/vat-id-verifier.js';

// ---------------------------------------------------------------------------------------------------------
// Sellers (all established in NL)

const sellerBase = {
  name: 'Voorbeeld Webwinkel B.V.',
  vatId: 'NL859999999B01',
  kvk: '12345678',
  iban: 'NL91ABNA0417164300',
  email: 'factuur@voorbeeld.example',
  address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
};

/** Not OSS-registered, Dutch invoices. */
export const nlSeller: SellerSettings = sellerSettingsSchema.parse(sellerBase);
/** OSS-registered (Union scheme), Dutch invoices. */
export const ossSeller: SellerSettings = sellerSettingsSchema.parse({ ...sellerBase, ossRegistered: true });
/** Not OSS-registered, English invoices. */
export const enSeller: SellerSettings = sellerSettingsSchema.parse({ ...sellerBase, defaultLanguage: 'en' });

// ---------------------------------------------------------------------------------------------------------
// Addresses

export const address = {
  NL: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
  NL2: { street: 'Coolsingel 40', postalCode: '3011 AD', city: 'Rotterdam', countryCode: 'NL' },
  DE: { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' },
  BE: { street: 'Grote Markt 1', postalCode: '1000', city: 'Brussel', countryCode: 'BE' },
  FR: { street: 'Rue de Rivoli 1', postalCode: '75001', city: 'Paris', countryCode: 'FR' },
  AT: { street: 'Stephansplatz 1', postalCode: '1010', city: 'Wien', countryCode: 'AT' },
  EE: { street: 'Raekoja plats 1', postalCode: '10146', city: 'Tallinn', countryCode: 'EE' },
  FI: { street: 'Mannerheimintie 1', postalCode: '00100', city: 'Helsinki', countryCode: 'FI' },
  SK: { street: 'Hlavné námestie 1', postalCode: '81101', city: 'Bratislava', countryCode: 'SK' },
  GR: { street: 'Ermou 1', postalCode: '10563', city: 'Athina', countryCode: 'GR' },
  US: { street: 'Main St 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
  CH: { street: 'Bahnhofstrasse 1', postalCode: '8001', city: 'Zürich', countryCode: 'CH' },
  GB: { street: 'Baker Street 221b', postalCode: 'NW1 6XE', city: 'London', countryCode: 'GB' },
  NO: { street: 'Karl Johans gate 1', postalCode: '0154', city: 'Oslo', countryCode: 'NO' },
} satisfies Record<string, Address>;

// ---------------------------------------------------------------------------------------------------------
// Customers

type CustomerInput = OrderInput['customer'];

export const consumer = (country: keyof typeof address): CustomerInput => ({
  name: `Consument ${country}`,
  address: address[country],
});

export const business = (country: keyof typeof address, vatId?: string): CustomerInput => ({
  name: `Inkoper ${country}`,
  companyName: `Firma ${country}`,
  ...(vatId === undefined ? {} : { vatId }),
  address: address[country],
});

// ---------------------------------------------------------------------------------------------------------
// VAT-ID verifications (the recorded VIES / checksum result the draft relies on)

export const viesValid = (vatId: string): VatIdVerification => ({
  vatId,
  valid: true,
  checkedAt: '2026-11-20T10:16:00Z',
  source: 'vies',
  requestIdentifier: 'WAPIAAAAZ0123456',
});
export const viesInvalid = (vatId: string): VatIdVerification => ({
  vatId,
  valid: false,
  checkedAt: '2026-11-20T10:16:00Z',
  source: 'vies',
});
export const checksumRejected = (vatId: string): VatIdVerification => ({
  vatId,
  valid: false,
  checkedAt: '2026-11-20T10:16:00Z',
  source: 'checksum',
});

// ---------------------------------------------------------------------------------------------------------
// Order lines

type LineInput = OrderInput['lines'][number];
type VatClassName = 'standard' | 'reduced' | 'zero' | 'exempt';

export const goods = (quantity: string, unitPrice: string, vatClass: VatClassName, discount?: string) =>
  ({
    description: `Artikel à ${unitPrice}`,
    quantity,
    unitPrice,
    vatClass,
    supplyType: 'goods',
    ...(discount === undefined ? {} : { discount }),
  }) satisfies LineInput;

export const service = (quantity: string, unitPrice: string, vatClass: VatClassName, discount?: string) =>
  ({
    description: `Dienst à ${unitPrice}`,
    quantity,
    unitPrice,
    vatClass,
    supplyType: 'services',
    ...(discount === undefined ? {} : { discount }),
  }) satisfies LineInput;

// ---------------------------------------------------------------------------------------------------------
// Orders

export type OrderOverrides = Partial<OrderInput> & Pick<OrderInput, 'lines'>;

export const buildOrder = (overrides: OrderOverrides): Order =>
  orderSchema.parse({
    externalId: '2001',
    channel: 'api',
    orderedAt: '2026-11-20T10:15:00Z',
    currency: 'EUR',
    customer: consumer('NL'),
    ...overrides,
  });

export const ISSUED_AT = new Date('2026-11-27T09:00:00Z');

// ---------------------------------------------------------------------------------------------------------
// Reporting shorthands (make the tables readable; they contain no amounts)

export const box = (b: '1a' | '1b' | '1c' | '1e' | '3a' | '3b'): VatReporting => ({
  kind: 'nl-return',
  box: b,
});
export const oss = (countryCode: string): VatReporting => ({ kind: 'oss', countryCode });
export const foreign = (countryCode: string): VatReporting => ({ kind: 'foreign', countryCode });
export const EXEMPT: VatReporting = { kind: 'exempt' };
export const OUTSIDE_SCOPE: VatReporting = { kind: 'outside-scope' };

// ---------------------------------------------------------------------------------------------------------
// Mandatory texts, written out literally (art. 226 (11)/(11a) Directive; art. 35a Wet OB; domain.md §1.4)

export const TEXT = {
  nl: {
    K: 'Intracommunautaire levering, vrijgesteld (art. 138 Richtlijn 2006/112/EG)',
    AE: 'Btw verlegd',
    G: 'Uitvoer buiten de EU, 0 % (art. 146 Richtlijn 2006/112/EG)',
    E: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
    O: 'Niet onderworpen aan btw in Nederland (dienst aan een ondernemer buiten de EU)',
  },
  en: {
    K: 'Intra-Community supply, exempt (art. 138 Directive 2006/112/EC)',
    AE: 'Reverse charge',
    G: 'Export outside the EU, exempt (art. 146 Directive 2006/112/EC)',
    E: 'Exempt from VAT (art. 11 Dutch VAT Act 1968)',
    O: 'Not subject to VAT in the Netherlands (service to a business outside the EU)',
  },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Scenario shape

export interface ExpectedBreakdown {
  readonly category: VatCategory;
  readonly rate: string;
  readonly taxable: string;
  readonly vat: string;
  readonly exemptionReasonCode?: string;
  readonly reporting: VatReporting;
  readonly icp?: 'goods' | 'services';
}

export interface ExpectedInvoice {
  /** Per order line: [VAT category, rate]. */
  readonly lines: readonly (readonly [VatCategory, string])[];
  /** Per order line: the net amount BT-131 (when the scenario is about line allocation). */
  readonly lineNets?: readonly string[];
  /** Document-level charges/allowances: [kind, amount, category, rate]. */
  readonly allowancesCharges?: readonly (readonly ['charge' | 'allowance', string, VatCategory, string])[];
  readonly breakdown: readonly ExpectedBreakdown[];
  readonly notes: readonly string[];
  readonly totals: {
    readonly net: string;
    readonly vat: string;
    readonly gross: string;
    readonly payable: string;
    readonly lineNet?: string;
    readonly allowances?: string;
    readonly charges?: string;
  };
  readonly supplyDate?: string;
  readonly taxCurrency?: { readonly vat: string; readonly rate: string };
}

export interface Scenario {
  readonly name: string;
  readonly order: OrderOverrides;
  /** Default: `nlSeller` (not OSS-registered, Dutch texts). */
  readonly seller?: SellerSettings;
  readonly buyerVatId?: VatIdVerification;
  /** Default false: EU distance sales below the threshold, no opt-in. */
  readonly destinationTaxation?: boolean;
  readonly expected: ExpectedInvoice;
}

export const draftFor = (s: Omit<Scenario, 'name' | 'expected'>) =>
  draftInvoice({
    tenantId: 't-scenarios',
    invoiceId: 'inv-1',
    orderId: 'ord-1',
    order: buildOrder(s.order),
    seller: s.seller ?? nlSeller,
    issuedAt: ISSUED_AT,
    destinationTaxation: s.destinationTaxation ?? false,
    ...(s.buyerVatId === undefined ? {} : { buyerVatId: s.buyerVatId }),
  });

export const mustDraft = (s: Omit<Scenario, 'name' | 'expected'>): InvoiceDraft => {
  const result = draftFor(s);
  if (!result.ok) throw new Error(`draft refused: ${JSON.stringify(result.errors)}`);
  return result.draft;
};

/** Compares a draft with the hand-computed expectation of a scenario. */
export function checkScenario(s: Scenario): void {
  const draft = mustDraft(s);
  const { expected } = s;

  expect(draft.lines.map((l) => [l.vatCategory, l.vatRate])).toEqual(expected.lines);
  if (expected.lineNets !== undefined) expect(draft.lines.map((l) => l.net)).toEqual(expected.lineNets);
  if (expected.allowancesCharges !== undefined) {
    expect(draft.allowancesCharges.map((a) => [a.kind, a.amount, a.vatCategory, a.vatRate])).toEqual(
      expected.allowancesCharges,
    );
  }
  expect(
    draft.vatBreakdown.map((b) => ({
      category: b.category,
      rate: b.rate,
      taxable: b.taxable,
      vat: b.vat,
      exemptionReasonCode: b.exemptionReasonCode,
      reporting: b.reporting,
      icp: b.icp,
    })),
  ).toEqual(
    expected.breakdown.map((b) => ({
      exemptionReasonCode: undefined,
      icp: undefined,
      ...b,
    })),
  );
  expect(draft.notes).toEqual(expected.notes);
  expect(draft.totals).toMatchObject(expected.totals);
  if (expected.supplyDate !== undefined) expect(draft.supplyDate).toBe(expected.supplyDate);
  if (expected.taxCurrency !== undefined) {
    expect(draft.taxCurrency?.currency).toBe('EUR');
    expect(draft.taxCurrency?.vat).toBe(expected.taxCurrency.vat);
    expect(draft.taxCurrency?.exchangeRate.rate).toBe(expected.taxCurrency.rate);
  } else {
    expect(draft.taxCurrency).toBeUndefined();
  }
}
