import type { BuyerParty, SellerParty } from '../../domain/invoice/invoice-document.js';
import type { Address } from '../../domain/shared/schemas.js';
import { endpointId, optionalText, type UblNode } from './ubl-nodes.js';

/** EAS / ICD 0106: the Dutch Chamber of Commerce (KvK) number. */
const KVK_SCHEME = '0106';

/** BG-5 / BG-8 / BG-15; NL-R-002 needs street, city and postal code for a Dutch seller. */
export const postalAddress = (address: Address): UblNode => ({
  'cbc:StreetName': address.street,
  'cbc:CityName': address.city,
  'cbc:PostalZone': address.postalCode,
  'cac:Country': { 'cbc:IdentificationCode': address.countryCode },
});

const vatRegistration = (vatId: string): UblNode => ({
  'cbc:CompanyID': vatId,
  'cac:TaxScheme': { 'cbc:ID': 'VAT' },
});

/**
 * BG-4. Without a Peppol id the seller is still addressable through its KvK number (R020 requires an
 * endpoint). `withVatId` is false for "outside scope" invoices, which must not name VAT ids (BR-O-02).
 */
export const sellerParty = (seller: SellerParty, withVatId: boolean): UblNode => {
  const peppolId = optionalText(seller.peppolId);
  return {
    'cac:Party': {
      'cbc:EndpointID': peppolId
        ? endpointId(peppolId, 'seller.peppolId')
        : { '@schemeID': KVK_SCHEME, '#': seller.kvk },
      'cac:PostalAddress': postalAddress(seller.address),
      'cac:PartyTaxScheme': withVatId ? vatRegistration(seller.vatId) : undefined,
      'cac:PartyLegalEntity': {
        'cbc:RegistrationName': seller.name,
        // NL-R-003: a Dutch seller's legal registration uses scheme 0106 (KvK).
        'cbc:CompanyID': { '@schemeID': KVK_SCHEME, '#': seller.kvk },
      },
      'cac:Contact': { 'cbc:ElectronicMail': seller.email },
    },
  };
};

/** Contact is optional for the buyer (BG-9); an element without children would break R008. */
const buyerContact = (buyer: BuyerParty): UblNode | undefined => {
  const name = optionalText(buyer.contactName);
  const email = optionalText(buyer.email);
  if (name === undefined && email === undefined) return undefined;
  return { 'cbc:Name': name, 'cbc:ElectronicMail': email };
};

/** BG-7. Consumers have no Peppol id; the endpoint only appears for buyers that can receive over Peppol. */
export const buyerParty = (buyer: BuyerParty, withVatId: boolean): UblNode => {
  const peppolId = optionalText(buyer.peppolId);
  const vatId = withVatId ? optionalText(buyer.vatId) : undefined;
  return {
    'cac:Party': {
      'cbc:EndpointID': peppolId ? endpointId(peppolId, 'buyer.peppolId') : undefined,
      'cac:PostalAddress': postalAddress(buyer.address),
      'cac:PartyTaxScheme': vatId ? vatRegistration(vatId) : undefined,
      'cac:PartyLegalEntity': {
        'cbc:RegistrationName': buyer.name,
        'cbc:CompanyID': buyer.companyId
          ? { '@schemeID': buyer.companyId.scheme, '#': buyer.companyId.value }
          : undefined,
      },
      'cac:Contact': buyerContact(buyer),
    },
  };
};
