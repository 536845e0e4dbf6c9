import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTenant,
  eventually,
  orderBody,
  SELLER,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';
import { validateAgainstUblXsd } from '../support/ubl-xsd.js';

interface OrderJson {
  id: string;
  status: string;
  invoiceId: string | null;
  reason: string | null;
}
interface InvoiceJson {
  id: string;
  number: string;
  status: string;
  totals: Record<string, string>;
  notes: string[];
  vatBreakdown: {
    category: string;
    rate: string;
    taxable: string;
    vat: string;
    reporting: Record<string, string>;
    icp?: string;
  }[];
  taxCurrency: { currency: string; vat: string; exchangeRate: string } | null;
  exchangeRate: { rate: string; date: string; source: string } | null;
  buyerVatIdVerification: {
    vatId: string;
    valid: boolean;
    source: string;
    requestIdentifier?: string;
  } | null;
}

const berlin = { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' };
const consumerInGermany = { name: 'Erika Mustermann', email: 'erika@example.de', address: berlin };
const businessInGermany = (vatId: string) => ({
  name: 'Max Mustermann',
  companyName: 'Muster GmbH',
  email: 'einkauf@muster.example',
  vatId,
  address: berlin,
});
const goods = (unitPrice: string, vatClass = 'standard') => [
  { sku: 'G-1', description: 'Espressomaschine', quantity: '1', unitPrice, vatClass, supplyType: 'goods' },
];

describe('cross-border VAT through the API (real Temporal, real SMTP, VIES over HTTP)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('postgres');
    tenant = await createTenant(t.app, 'EU Shop');
    const settings = await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
      payload: { ...SELLER, ossRegistered: true },
    });
    expect(settings.statusCode).toBe(200);
  });
  afterAll(async () => t?.stop());

  const post = async (body: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: bearer(tenant.apiKey),
      payload: body as object,
    });
    expect(res.statusCode).toBe(202);
    return (res.json() as { id: string }).id;
  };
  const order = (id: string) =>
    t.app
      .inject({ method: 'GET', url: `/v1/orders/${id}`, headers: bearer(tenant.apiKey) })
      .then((r) => r.json() as OrderJson);
  const invoiceOf = async (orderId: string) => {
    const settled = await eventually(async () => {
      const o = await order(orderId);
      return o.invoiceId !== null || o.status === 'needs_attention' ? o : undefined;
    });
    expect(settled.status).toBe('invoiced');
    return eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${settled.invoiceId}`,
        headers: bearer(tenant.apiKey),
      });
      const invoice = res.json() as InvoiceJson;
      return invoice.status === 'booked' ? invoice : undefined;
    });
  };

  it('zero-rates an intra-Community supply only after VIES confirmed the VAT ID, holding the order while VIES is down', async () => {
    t.vies.validVatIds.add('DE136695976');
    t.vies.down = true;
    const id = await post(
      orderBody('icl-1', { customer: businessInGermany('DE136695976'), lines: goods('1000.00') }),
    );

    const held = await eventually(async () => {
      const o = await order(id);
      return o.status === 'held' ? o : undefined;
    });
    expect(held.reason).toContain('DE136695976');
    expect(held.invoiceId).toBeNull();

    t.vies.down = false;
    const invoice = await invoiceOf(id);
    expect(invoice.vatBreakdown).toEqual([
      {
        category: 'K',
        rate: '0',
        taxable: '1004.95',
        vat: '0.00',
        exemptionReason: 'Intracommunautaire levering, vrijgesteld (art. 138 Richtlijn 2006/112/EG)',
        exemptionReasonCode: 'VATEX-EU-IC',
        reporting: { kind: 'nl-return', box: '3b' },
        icp: 'goods',
      },
    ]);
    expect(invoice.totals).toMatchObject({ net: '1004.95', vat: '0.00', gross: '1004.95' });
    expect(invoice.buyerVatIdVerification).toMatchObject({
      vatId: 'DE136695976',
      valid: true,
      source: 'vies',
    });
    expect(invoice.buyerVatIdVerification?.requestIdentifier).toBeTruthy();

    const ubl = await t.app.inject({
      method: 'GET',
      url: `/v1/invoices/${invoice.id}/ubl`,
      headers: bearer(tenant.apiKey),
    });
    expect(ubl.body).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-IC</cbc:TaxExemptionReasonCode>');
    expect(ubl.body).toContain('DE136695976');
    expect((await validateAgainstUblXsd(ubl.body, 'Invoice')).errors).toEqual([]);
  }, 60_000);

  it('charges VAT as for a consumer when VIES says the VAT ID is invalid, and never asks VIES for bad check digits', async () => {
    const asked = t.vies.requests.length;
    const invalidAtVies = await invoiceOf(
      await post(orderBody('icl-2', { customer: businessInGermany('DE129273398'), lines: goods('100.00') })),
    );
    expect(invalidAtVies.vatBreakdown.map((b) => [b.category, b.rate, b.reporting.box])).toEqual([
      ['S', '21', '1a'],
    ]);
    expect(invalidAtVies.buyerVatIdVerification).toMatchObject({ valid: false, source: 'vies' });
    expect(t.vies.requests.length).toBe(asked + 1);

    const badDigits = await invoiceOf(
      await post(orderBody('icl-3', { customer: businessInGermany('DE123456789'), lines: goods('100.00') })),
    );
    expect(badDigits.vatBreakdown[0]).toMatchObject({ category: 'S', rate: '21' });
    expect(badDigits.buyerVatIdVerification).toMatchObject({ valid: false, source: 'checksum' });
    expect(t.vies.requests.length).toBe(asked + 1);
  });

  it('reverse-charges services to a verified EU business', async () => {
    t.vies.validVatIds.add('ATU13585627');
    const vienna = { street: 'Ring 1', postalCode: '1010', city: 'Wien', countryCode: 'AT' };
    const invoice = await invoiceOf(
      await post(
        orderBody('ae-1', {
          customer: { ...businessInGermany('ATU13585627'), address: vienna },
          lines: [
            {
              description: 'Consultancy',
              quantity: '4',
              unitPrice: '95.00',
              vatClass: 'standard',
              supplyType: 'services',
            },
          ],
          shipping: undefined,
        }),
      ),
    );
    expect(invoice.vatBreakdown).toMatchObject([
      {
        category: 'AE',
        rate: '0',
        taxable: '380.00',
        vat: '0.00',
        exemptionReasonCode: 'VATEX-EU-AE',
        icp: 'services',
      },
    ]);
    expect(invoice.notes).toContain('Btw verlegd');
  });

  it('exports outside the EU at 0 % (G)', async () => {
    const invoice = await invoiceOf(
      await post(
        orderBody('export-1', {
          customer: {
            ...consumerInGermany,
            address: { street: '5th Ave 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
          },
          lines: goods('250.00'),
        }),
      ),
    );
    expect(invoice.vatBreakdown.map((b) => [b.category, b.rate, b.taxable, b.reporting.box])).toEqual([
      ['G', '0', '254.95', '3a'],
    ]);
  });

  it('taxes EU distance sales in NL until the tenant’s own sales cross EUR 10,000, then in the destination via OSS', async () => {
    const first = await invoiceOf(
      await post(
        orderBody('oss-1', { customer: consumerInGermany, lines: goods('6000.00'), shipping: undefined }),
      ),
    );
    expect(first.vatBreakdown.map((b) => [b.category, b.rate, b.reporting])).toEqual([
      ['S', '21', { kind: 'nl-return', box: '1a' }],
    ]);

    // 6,000 + 5,000 > 10,000: the sale that crosses the threshold is already taxed in Germany (art. 59c).
    const crossing = await invoiceOf(
      await post(
        orderBody('oss-2', {
          customer: consumerInGermany,
          lines: goods('5000.00', 'reduced'),
          shipping: undefined,
        }),
      ),
    );
    expect(crossing.vatBreakdown).toEqual([
      {
        category: 'S',
        rate: '7',
        taxable: '5000.00',
        vat: '350.00',
        reporting: { kind: 'oss', countryCode: 'DE' },
      },
    ]);
    const after = await invoiceOf(
      await post(
        orderBody('oss-3', { customer: consumerInGermany, lines: goods('10.00'), shipping: undefined }),
      ),
    );
    expect(after.vatBreakdown).toMatchObject([
      {
        category: 'S',
        rate: '19',
        taxable: '10.00',
        vat: '1.90',
        reporting: { kind: 'oss', countryCode: 'DE' },
      },
    ]);
  });

  it('states the VAT also in EUR for a USD invoice, with the exchange rate used', async () => {
    const invoice = await invoiceOf(
      await post(
        orderBody('usd-1', {
          currency: 'USD',
          exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
          lines: goods('108.50'),
          shipping: undefined,
        }),
      ),
    );
    // 108.50 × 21 % = 22.785 → 22.79 USD; 22.79 / 1.0850 = 21.0046… → 21.00 EUR
    expect(invoice.totals).toMatchObject({ net: '108.50', vat: '22.79', gross: '131.29' });
    expect(invoice.taxCurrency).toEqual({ currency: 'EUR', vat: '21.00', exchangeRate: '1.0850' });
    expect(invoice.exchangeRate).toEqual({ rate: '1.0850', date: '2026-11-19', source: 'ECB' });
    const ubl = await t.app.inject({
      method: 'GET',
      url: `/v1/invoices/${invoice.id}/ubl`,
      headers: bearer(tenant.apiKey),
    });
    expect(ubl.body).toContain('<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>');
    expect(ubl.body).toContain('<cbc:TaxAmount currencyID="EUR">21.00</cbc:TaxAmount>');
  });
});
