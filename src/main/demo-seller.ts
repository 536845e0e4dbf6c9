import { type SellerSettings, sellerSettingsSchema } from '../domain/tenant/seller-settings.js';

/** The seeded demo tenant: a Dutch webshop with a KvK number and an IBAN that pass their checks. */
export const DEMO_SELLER: SellerSettings = sellerSettingsSchema.parse({
  name: 'Voorbeeld Webwinkel B.V.',
  vatId: 'NL123456782B01',
  kvk: '12345678',
  iban: 'NL91ABNA0417164300',
  email: 'factuur@voorbeeld.example',
  address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
  defaultLanguage: 'nl',
  paymentTermsDays: 14,
});
