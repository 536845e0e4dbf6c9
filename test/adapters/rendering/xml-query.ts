import { create } from 'xmlbuilder2';

/** Parses the XML back and returns every element with that qualified name ("cac:TaxSubtotal"), in document order. */
export const elementsNamed = (xml: string, qualifiedName: string): Element[] =>
  create(xml)
    .root()
    .filter((child) => child.node.nodeName === qualifiedName, true, true)
    .map((child) => child.node as unknown as Element);

/** Text content of every element with that qualified name, unescaped. */
export const textsOf = (xml: string, qualifiedName: string): string[] =>
  elementsNamed(xml, qualifiedName).map((element) => element.textContent ?? '');

/** Text of the single element with that name directly under `parentName`, e.g. ("cac:LegalMonetaryTotal", "cbc:PayableAmount"). */
export const childText = (xml: string, parentName: string, childName: string): string | undefined => {
  const [parent] = elementsNamed(xml, parentName);
  const child = parent && Array.from(parent.childNodes).find((node) => node.nodeName === childName);
  return child?.textContent ?? undefined;
};
