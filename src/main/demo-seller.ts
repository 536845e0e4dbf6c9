import type { SellerSettings } from '../domain/tenant/seller-settings.js';

/** The seeded demo tenant: a Dutch webshop with valid VAT ID, KvK and IBAN check digits. */
export const DEMO_SELLER: SellerSettings = {
  name: 'Voorbeeld Webwinkel B.V.',
  vatId: 'NL859999999B01',
  kvk: '12345678',
  iban: 'NL91ABNA0417164300',
  email: 'factuur@voorbeeld.example',
  address: { street: 'Keizersgracht 1', postalCode: '1015 AA', city: 'Amsterdam', countryCode: 'NL' },
  ossRegistered: false,
  ossThresholdExceeded: false,
  ossOptedIn: false,
  defaultLanguage: 'nl',
  paymentTermsDays: 14,
};
