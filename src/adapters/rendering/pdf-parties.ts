import type { Content } from 'pdfmake/interfaces.js';
import type { InvoiceLabels } from '../../domain/i18n/translation.js';
import type { InvoiceDocument } from '../../domain/invoice/invoice-document.js';
import type { Address } from '../../domain/shared/schemas.js';

type Language = InvoiceDocument['language'];

const countryNames = new Map<Language, Intl.DisplayNames>();

/**
 * "Deutschland", "Pays-Bas": the country in the reader's language, from the CLDR data Node ships (full ICU
 * in the official builds), so a given Node version always prints the same name. An unknown code stays a code.
 */
export const countryName = (countryCode: string, language: Language): string => {
  let names = countryNames.get(language);
  if (names === undefined) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    countryNames.set(language, names);
  }
  return names.of(countryCode) ?? countryCode;
};

const addressLines = (address: Address, language: Language): string[] => [
  address.street,
  `${address.postalCode} ${address.city}`,
  countryName(address.countryCode, language),
];

const sameAddress = (a: Address, b: Address): boolean =>
  a.street === b.street &&
  a.postalCode === b.postalCode &&
  a.city === b.city &&
  a.countryCode === b.countryCode;

/** Supplier identity (art. 226 (3) and (5)); the KvK number is required on Dutch invoices (domain.md §1.2). */
export const sellerBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content => {
  const { seller, language } = invoice;
  return {
    stack: [
      { text: seller.name, style: 'sellerName' },
      ...addressLines(seller.address, language),
      `${labels.kvk} ${seller.kvk}`,
      `${labels.vatId} ${seller.vatId}`,
      `${labels.iban} ${seller.iban}`,
      `${labels.email} ${seller.email}`,
    ],
    alignment: 'right',
  };
};

/** Customer name and address; its VAT ID whenever known, as reverse charge and ICL require (art. 226 (4)). */
export const buyerBlock = (invoice: InvoiceDocument, labels: InvoiceLabels): Content => {
  const { buyer, deliveryAddress, language } = invoice;
  const lines: Content[] = [
    { text: labels.customer, style: 'label' },
    { text: buyer.name, style: 'partyName' },
  ];
  if (buyer.contactName && buyer.contactName !== buyer.name) lines.push(buyer.contactName);
  lines.push(...addressLines(buyer.address, language));
  if (buyer.vatId) lines.push(`${labels.vatId} ${buyer.vatId}`);
  if (!sameAddress(buyer.address, deliveryAddress)) {
    lines.push({ text: labels.deliveryAddress, style: 'label', margin: [0, 6, 0, 0] });
    lines.push(...addressLines(deliveryAddress, language));
  }
  return { stack: lines };
};
