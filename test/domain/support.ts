import type { Order } from '../../src/domain/order/order.js';
import { orderSchema } from '../../src/domain/order/order.js';
import { type SellerSettings, sellerSettingsSchema } from '../../src/domain/tenant/seller-settings.js';

export const seller: SellerSettings = sellerSettingsSchema.parse({
  name: 'Voorbeeld Webwinkel B.V.',
  vatId: 'NL859999999B01',
  kvk: '12345678',
  iban: 'NL91ABNA0417164300',
  email: 'factuur@voorbeeld.example',
  address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
});

export function order(overrides: Partial<Order> & Pick<Order, 'lines'>): Order {
  return orderSchema.parse({
    externalId: '1001',
    channel: 'api',
    orderedAt: '2026-11-20T10:15:00Z',
    currency: 'EUR',
    customer: {
      name: 'Jan Jansen',
      email: 'jan@example.nl',
      address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    },
    ...overrides,
  });
}
