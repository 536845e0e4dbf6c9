/**
 * Documents of every kind Autofactuur issues, computed by the domain itself (draftInvoice, draftCreditNote) from
 * realistic orders: every VAT category, consumers and businesses with and without a Peppol id, Dutch and
 * foreign buyers, paid by card/iDEAL/PayPal or unpaid, another currency, VAT-inclusive prices, and credit notes
 * (full, part, by amount). The validation tests render each one and expect no fatal finding.
 */
import { type CreditRequest, draftCreditNote } from '../../../src/domain/invoice/credit-note.js';
import { creditedSoFar } from '../../../src/domain/invoice/credit-record.js';
import type { InvoiceDocument } from '../../../src/domain/invoice/invoice-document.js';
import {
  type address,
  business,
  consumer,
  enSeller,
  goods,
  mustDraft,
  nlSeller,
  type OrderOverrides,
  ossSeller,
  service,
  viesValid,
} from '../../domain/vat-scenarios/scenario-support.js';

type DraftInput = Parameters<typeof mustDraft>[0];

const issue = (input: DraftInput, number = 'VW-2026-000101'): InvoiceDocument => ({
  ...mustDraft(input),
  number,
});

const order = (overrides: OrderOverrides): DraftInput['order'] => overrides;

const paid = (method: string) => ({ status: 'paid' as const, method, paidAt: '2026-11-20T10:16:00Z' });

const mixedBasket = [goods('1', '249.00', 'standard', '25.00'), goods('3', '14.95', 'reduced')];

const peppolBusiness = (country: keyof typeof address, peppolId: string, vatId?: string, kvk?: string) => ({
  ...business(country, vatId),
  peppolId,
  ...(kvk === undefined ? {} : { companyId: { scheme: '0106', value: kvk } }),
});

export const INVOICES: Record<string, InvoiceDocument> = {
  'NL consumer, 21 % + 9 %, line discount and shipping, paid by card': issue({
    order: order({
      lines: mixedBasket,
      shipping: { description: 'Verzending', amount: '6.95' },
      payment: paid('card'),
    }),
  }),
  'NL consumer, paid by iDEAL': issue({ order: order({ lines: mixedBasket, payment: paid('ideal') }) }),
  'NL consumer, VAT-inclusive prices, order discount, paid by PayPal': issue({
    order: order({
      pricesIncludeVat: true,
      lines: [goods('7', '0.35', 'standard'), goods('2', '12.10', 'reduced')],
      discount: { description: 'Kortingscode', amount: '2.00' },
      payment: paid('paypal'),
    }),
  }),
  'NL consumer, unpaid (bank transfer)': issue({ order: order({ lines: mixedBasket }) }),
  'NL business with KvK number, no Peppol id, unpaid': issue({
    order: order({
      customer: { ...business('NL2', 'NL987654321B02'), companyId: { scheme: '0106', value: '87654321' } },
      lines: [goods('10', '24.50', 'standard')],
    }),
  }),
  'NL business without KvK number, no Peppol id, paid by credit card': issue({
    order: order({
      customer: business('NL2'),
      lines: [goods('1', '99.00', 'standard')],
      payment: paid('creditcard'),
    }),
  }),
  'NL business on Peppol (KvK 0106), unpaid, English': issue({
    seller: enSeller,
    order: order({
      customer: peppolBusiness('NL2', '0106:87654321', 'NL987654321B02', '87654321'),
      lines: [goods('10', '24.50', 'standard'), goods('2', '29.95', 'reduced')],
      discount: { description: 'Volume discount', amount: '12.25' },
    }),
  }),
  'NL business on Peppol (VAT 9944, no KvK), paid by iDEAL': issue({
    order: order({
      customer: peppolBusiness('NL2', '9944:NL987654321B02', 'NL987654321B02'),
      lines: [goods('1', '150.00', 'standard')],
      payment: paid('ideal'),
    }),
  }),
  'NL business on Peppol, paid by debit card': issue({
    order: order({
      customer: peppolBusiness('NL2', '0106:87654321', undefined, '87654321'),
      lines: [goods('2', '40.00', 'reduced')],
      payment: paid('debit_card'),
    }),
  }),
  'NL business on Peppol, VAT-inclusive prices, 5000 × 0.99 (price per base quantity)': issue({
    order: order({
      pricesIncludeVat: true,
      customer: peppolBusiness('NL2', '0106:87654321', 'NL987654321B02', '87654321'),
      lines: [goods('5000', '0.99', 'standard'), goods('7', '0.35', 'reduced')],
    }),
  }),
  'NL consumer, domestic zero rate (Z)': issue({ order: order({ lines: [goods('1', '49.00', 'zero')] }) }),
  'NL consumer, exempt service (E)': issue({ order: order({ lines: [service('1', '250.00', 'exempt')] }) }),
  'NL consumer, exempt service and 21 % goods, order discount': issue({
    order: order({
      lines: [goods('1', '80.00', 'standard'), service('1', '20.00', 'exempt')],
      discount: { description: 'Korting', amount: '10.00' },
    }),
  }),
  'Intra-Community supply (K) to a verified DE business, shipping': issue({
    order: order({
      customer: business('DE', 'DE811907980'),
      lines: [goods('2', '150.00', 'standard')],
      shipping: { description: 'Verzending', amount: '12.50' },
    }),
    buyerVatId: viesValid('DE811907980'),
  }),
  'Intra-Community supply (K) to a BE business on Peppol (0208)': issue({
    seller: enSeller,
    order: order({
      customer: peppolBusiness('BE', '0208:0403019261', 'BE0403019261'),
      lines: [goods('1', '80.00', 'standard'), goods('4', '5.00', 'reduced')],
    }),
    buyerVatId: viesValid('BE0403019261'),
  }),
  'Reverse charge (AE) service to a verified BE business': issue({
    seller: enSeller,
    order: order({ customer: business('BE', 'BE0403019261'), lines: [service('3', '120.00', 'standard')] }),
    buyerVatId: viesValid('BE0403019261'),
  }),
  'Goods (K) and a service (AE) to a verified DE business on Peppol': issue({
    order: order({
      customer: peppolBusiness('DE', '9930:DE811907980', 'DE811907980'),
      lines: [goods('1', '200.00', 'standard'), service('1', '50.00', 'standard')],
    }),
    buyerVatId: viesValid('DE811907980'),
  }),
  'Export (G) to a US consumer': issue({
    order: order({ customer: consumer('US'), lines: [goods('1', '89.00', 'standard')] }),
  }),
  'Export (G) to a CH business with shipping, paid by PayPal': issue({
    order: order({
      customer: business('CH'),
      lines: [goods('2', '45.00', 'standard')],
      shipping: { description: 'Versand', amount: '15.00' },
      payment: paid('paypal'),
    }),
  }),
  'Service to a US business, outside scope (O)': issue({
    seller: enSeller,
    order: order({ customer: business('US'), lines: [service('1', '500.00', 'standard')] }),
  }),
  'Distance sale to a DE consumer via OSS (19 % / 7 %)': issue({
    seller: ossSeller,
    destinationTaxation: true,
    order: order({
      customer: consumer('DE'),
      lines: [goods('1', '100.00', 'standard'), goods('2', '10.00', 'reduced')],
    }),
  }),
  'Distance sale to a BE consumer below the threshold (NL VAT), paid by Bancontact': issue({
    order: order({
      customer: consumer('BE'),
      lines: [goods('1', '59.95', 'standard')],
      payment: paid('bancontact'),
    }),
  }),
  'USD invoice to an NL consumer, VAT also in EUR': issue({
    order: order({
      currency: 'USD',
      exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
      lines: [goods('5', '19.99', 'standard'), goods('1', '25.87', 'reduced')],
    }),
  }),
  'GBP export (G) to a GB consumer, VAT-inclusive, paid by card': issue({
    order: order({
      currency: 'GBP',
      exchangeRate: { rate: '0.8700', date: '2026-11-19', source: 'ECB' },
      pricesIncludeVat: true,
      customer: consumer('GB'),
      lines: [goods('1', '121.00', 'standard')],
      payment: paid('card'),
    }),
  }),
  'NL seller invoicing in Dutch to a business with an unverified EU VAT id': issue({
    seller: nlSeller,
    order: order({ customer: business('FR', 'FR40303265045'), lines: [goods('1', '75.00', 'standard')] }),
  }),
};

const credit = (original: InvoiceDocument, request: CreditRequest, number: string): InvoiceDocument => {
  const result = draftCreditNote({
    original,
    credited: creditedSoFar(original, []),
    request,
    creditNoteId: `cn-${number}`,
    issuedAt: new Date('2026-12-04T10:00:00Z'),
  });
  if (!result.ok) throw new Error(`credit note refused: ${JSON.stringify(result.errors)}`);
  return { ...result.draft, number };
};

const invoice = (name: string): InvoiceDocument => {
  const found = INVOICES[name];
  if (found === undefined) throw new Error(`no generated invoice "${name}"`);
  return found;
};

export const CREDIT_NOTES: Record<string, InvoiceDocument> = {
  'Credit note: full refund of a card-paid consumer invoice': credit(
    invoice('NL consumer, 21 % + 9 %, line discount and shipping, paid by card'),
    { kind: 'full', reason: 'Order geannuleerd' },
    'C2026-000001',
  ),
  'Credit note: two of ten boxes for a Peppol business (set off)': credit(
    invoice('NL business on Peppol (KvK 0106), unpaid, English'),
    { kind: 'lines', lines: [{ lineId: '1', quantity: '2' }], reason: 'Damaged in transit' },
    'C2026-000002',
  ),
  'Credit note: refund by amount of an intra-Community supply (K)': credit(
    invoice('Intra-Community supply (K) to a verified DE business, shipping'),
    { kind: 'amount', amount: '50.00', reason: 'Kulanz' },
    'C2026-000003',
  ),
  'Credit note: full credit of a USD invoice': credit(
    invoice('USD invoice to an NL consumer, VAT also in EUR'),
    { kind: 'full' },
    'C2026-000004',
  ),
  'Credit note: outside-scope (O) service': credit(
    invoice('Service to a US business, outside scope (O)'),
    { kind: 'full', reason: 'Cancelled' },
    'C2026-000005',
  ),
  'Credit note: exempt and standard-rated lines, by amount': credit(
    invoice('NL consumer, exempt service and 21 % goods, order discount'),
    { kind: 'amount', amount: '30.00', reason: 'Coulance' },
    'C2026-000006',
  ),
  'Credit note: reverse charge (AE) service, one of three': credit(
    invoice('Reverse charge (AE) service to a verified BE business'),
    { kind: 'lines', lines: [{ lineId: '1', quantity: '1' }] },
    'C2026-000007',
  ),
};

export const GENERATED_DOCUMENTS: Record<string, InvoiceDocument> = { ...INVOICES, ...CREDIT_NOTES };
