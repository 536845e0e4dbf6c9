import { describe, expect, it } from 'vitest';
import { type BolOrderJson, bolOrderSchema } from '../../../../src/adapters/channels/bol/bol-api-schemas.js';
import {
  type BolMappingOptions,
  bolLanguage,
  mapBolOrder,
  normaliseBolVatNumber,
} from '../../../../src/adapters/channels/bol/bol-order-mapping.js';
import { orderSubmissionSchema } from '../../../../src/domain/order/order.js';
import type { ChannelOrder } from '../../../../src/domain/ports/channel-client.js';
import {
  belgianBusinessOrder,
  businessOrder,
  cancelledOrder,
  consumerOrder,
  openOrder,
} from './bol-order-fixtures.js';

const map = (json: BolOrderJson, options?: BolMappingOptions): ChannelOrder => {
  const order = bolOrderSchema.parse(json);
  return mapBolOrder({ ...order, orderPlacedDateTime: order.orderPlacedDateTime ?? '' }, options);
};

const submitted = (channelOrder: ChannelOrder) => {
  const result = orderSubmissionSchema.safeParse({ ...channelOrder.order, channel: 'bol' });
  expect(result.error?.issues ?? []).toEqual([]);
  return result.data!;
};

describe('mapBolOrder', () => {
  it('maps a consumer order, invoicing the units not cancelled at the gross prices bol charged', () => {
    const mapped = map(consumerOrder);

    expect(mapped).toMatchObject({
      externalId: '1043965710',
      updatedAt: '2026-11-21T15:40:02.000Z', // the latest item change, in UTC
      cancelled: false,
      refunds: [],
    });
    const utrecht = {
      street: 'Oudegracht 231 bis',
      postalCode: '3511NK',
      city: 'Utrecht',
      countryCode: 'NL',
    };
    expect(mapped.order).toEqual({
      externalId: '1043965710',
      orderedAt: '2026-11-20T14:05:31+01:00',
      currency: 'EUR',
      pricesIncludeVat: true,
      customer: {
        name: 'Sanne de Vries',
        email: '2zk7qhxt4mdb9f3e@verkopen.bol.com',
        language: 'nl',
        address: utrecht,
      },
      shipTo: utrecht,
      lines: [
        {
          sku: 'KOF-ESP-1KG',
          description: 'Koffiebonen espresso 1 kg',
          quantity: '2',
          unitPrice: '17.95',
          vatClass: 'standard',
          supplyType: 'goods',
        },
        {
          // No offer reference: the EAN identifies the product.
          sku: '8712345678913',
          description: 'Melkopschuimer RVS',
          quantity: '2', // 3 ordered, 1 cancelled
          unitPrice: '24.99',
          vatClass: 'standard',
          supplyType: 'goods',
          discount: '3.33', // the 5.00 promotion over the 2 of 3 units still bought
        },
      ],
      payment: { status: 'paid', method: 'bol' },
    });
    submitted(mapped);
  });

  it('maps a business order: VAT number normalised, KvK number as company id (0106), order reference', () => {
    const mapped = map(businessOrder, { productVatClasses: { '9789012345672': 'reduced' } });

    const order = submitted(mapped);
    expect(mapped.updatedAt).toBe('2026-11-19T16:02:55.000Z');
    expect(order.customer).toEqual({
      name: 'Pieter Bakker',
      companyName: 'Kantoorpunt Noord B.V.',
      email: '8hq2m4x7c1p0v5dz@verkopen.bol.com',
      vatId: 'NL123456782B01',
      companyId: { scheme: '0106', value: '12345678' },
      reference: 'PO-2026-118',
      language: 'nl',
      address: { street: 'Postbus 1102', postalCode: '9701BC', city: 'Groningen', countryCode: 'NL' },
    });
    expect(order.shipTo).toEqual({
      street: 'Zuidwal 14',
      postalCode: '9711VB',
      city: 'Groningen',
      countryCode: 'NL',
    });
    // The VAT class comes from the merchant's EAN setting; an EAN not listed is standard.
    expect(
      order.lines.map(({ sku, quantity, unitPrice, vatClass }) => ({ sku, quantity, unitPrice, vatClass })),
    ).toEqual([
      { sku: 'BOEK-KANTOOR', quantity: '1', unitPrice: '34.50', vatClass: 'reduced' },
      { sku: 'NB-A5-LIJN', quantity: '10', unitPrice: '4.49', vatClass: 'standard' },
    ]);
  });

  it('reads a Belgian ondernemingsnummer as scheme 0208, prefixes the VAT number and maps fr-BE to fr', () => {
    const order = submitted(map(belgianBusinessOrder));

    expect(order.customer).toMatchObject({
      name: 'Camille Lambert',
      companyName: 'Atelier Lambert SRL',
      vatId: 'BE0403170701',
      companyId: { scheme: '0208', value: '0403170701' },
      language: 'fr',
      address: { street: 'Boulevard d’Avroy 7 B2', postalCode: '4000', city: 'Liège', countryCode: 'BE' },
    });
    // Shipped to a pick-up point: that is where the goods go.
    expect(order.shipTo).toEqual({
      street: 'Rue de la Cathédrale 48',
      postalCode: '4000',
      city: 'Liège',
      countryCode: 'BE',
    });
  });

  it('marks an order with every unit cancelled as cancelled, with nothing to invoice', () => {
    expect(map(cancelledOrder)).toEqual({
      externalId: '1043988840',
      updatedAt: '2026-11-22T07:03:18.000Z',
      order: undefined,
      refunds: [],
      cancelled: true,
    });
  });

  it('waits while items are neither shipped nor cancelled (a later cancellation would go uninvoiced)', () => {
    expect(map(openOrder)).toMatchObject({ externalId: '1044010007', order: undefined, cancelled: false });
  });

  it('falls back to the shipment details when bol sends no billing details', () => {
    const { billingDetails: _omitted, ...withoutBilling } = consumerOrder;
    const order = submitted(map(withoutBilling));
    expect(order.customer.name).toBe('Sanne de Vries');
    expect(order.customer.address.street).toBe('Oudegracht 231 bis');
  });

  it('leaves a nameless customer empty so the order is refused with a field error, not guessed', () => {
    const nameless = {
      ...consumerOrder,
      billingDetails: { ...consumerOrder.billingDetails, firstName: ' ', surname: '' },
    } as BolOrderJson;
    const result = orderSubmissionSchema.safeParse({ ...map(nameless).order, channel: 'bol' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['customer.name']);
  });
});

describe('normaliseBolVatNumber', () => {
  it.each([
    ['nl 8594.98.522 b01', 'NL', 'NL859498522B01'],
    ['859498522B01', 'NL', 'NL859498522B01'],
    ['0403-170-701', 'BE', 'BE0403170701'],
    ['GR094014201', 'GR', 'EL094014201'],
    ['CHE-123.456.789', 'CH', 'CHE123456789'],
  ])('%s (%s) → %s', (raw, country, expected) => {
    expect(normaliseBolVatNumber(raw, country)).toBe(expected);
  });

  it.each([[undefined], [''], ['  '], ['n/a'], ['geen btw-nummer']])('drops %j', (raw) => {
    expect(normaliseBolVatNumber(raw, 'NL')).toBeUndefined();
  });
});

describe('bolLanguage', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-BE', 'nl'],
    ['fr', 'fr'],
    ['fr-BE', 'fr'],
    ['de', 'de'],
    ['es', undefined],
    [undefined, undefined],
  ])('%s → %s', (language, expected) => {
    expect(bolLanguage(language)).toBe(expected);
  });
});
