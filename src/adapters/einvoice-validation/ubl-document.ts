import { allElements, normalizeSpace, parseXml, textOf, type XmlElement } from './xml-tree.js';

export type UblDocumentType = 'Invoice' | 'CreditNote';

/** A parsed UBL 2.1 Invoice or CreditNote, with the document-wide values the rules keep asking for. */
export interface UblDocument {
  readonly root: XmlElement;
  readonly type: UblDocumentType;
  /** BT-24, normalize-space()d. */
  readonly customizationId: string;
  /** Every element in document order (the schematron rule contexts are matched against these). */
  readonly elements: readonly XmlElement[];
  /** `//name`: every element of that name anywhere in the document. */
  readonly descendants: (name: string) => XmlElement[];
  /** BG-25: `cac:InvoiceLine` or `cac:CreditNoteLine` of the document. */
  readonly lines: readonly XmlElement[];
  /** BT-5 as written (Peppol compares `@currencyID` with it unnormalised). */
  readonly currency: string | undefined;
  /** Seller and buyer country (BT-40, BT-55) upper-cased, `XX` when absent: what national rules key on. */
  readonly sellerCountry: string;
  readonly buyerCountry: string;
}

export class NotAUblDocumentError extends Error {}

const countryOf = (root: XmlElement, party: string): string => {
  const code = textOf(root, `${party}/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode`);
  return code === undefined ? 'XX' : normalizeSpace(code).toUpperCase();
};

/** Parses a UBL 2.1 Invoice or CreditNote; throws when the XML is not well-formed or has another root. */
export const parseUblDocument = (xml: string): UblDocument => {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    throw new NotAUblDocumentError(`not well-formed XML: ${(error as Error).message}`);
  }
  if (root.name !== 'Invoice' && root.name !== 'CreditNote') {
    throw new NotAUblDocumentError(`root element ${root.name} is not a UBL 2.1 Invoice or CreditNote`);
  }
  const elements = allElements(root);
  const byName = new Map<string, XmlElement[]>();
  for (const element of elements) {
    const named = byName.get(element.name);
    if (named) named.push(element);
    else byName.set(element.name, [element]);
  }
  const lineName = root.name === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  return {
    root,
    type: root.name,
    customizationId: normalizeSpace(textOf(root, 'cbc:CustomizationID') ?? ''),
    elements,
    descendants: (name) => byName.get(name) ?? [],
    lines: root.children.filter((child) => child.name === lineName),
    currency: textOf(root, 'cbc:DocumentCurrencyCode'),
    sellerCountry: countryOf(root, 'cac:AccountingSupplierParty'),
    buyerCountry: countryOf(root, 'cac:AccountingCustomerParty'),
  };
};
