import { create } from 'xmlbuilder2';

/**
 * A read-only element tree of a UBL document with the prefixes the EN 16931 and Peppol schematrons use
 * (`cac:`, `cbc:`, `ext:`; the Invoice/CreditNote root and its own elements unprefixed), whatever prefixes
 * the document itself declares. Elements of other namespaces are named `{uri}local`, so they never match.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly parent: XmlElement | undefined;
  /** XPath string value: all descendant text, untrimmed. */
  readonly value: string;
  /** XPath location such as `/Invoice/cac:AccountingSupplierParty[1]/cac:Party[1]`, for findings. */
  readonly path: string;
}

const PREFIXES: Readonly<Record<string, string>> = {
  'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2': 'cac:',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2': 'cbc:',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2': 'ext:',
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': '',
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': '',
};

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

interface DomNode {
  readonly nodeType: number;
  readonly namespaceURI: string | null;
  readonly localName: string;
  readonly data: string;
  readonly childNodes: Iterable<DomNode>;
  readonly attributes: Iterable<{ localName: string; value: string }>;
}

const qualifiedName = (node: DomNode): string => {
  const prefix = PREFIXES[node.namespaceURI ?? ''];
  return prefix === undefined
    ? `{${node.namespaceURI ?? ''}}${node.localName}`
    : `${prefix}${node.localName}`;
};

const build = (node: DomNode, parent: XmlElement | undefined, path: string): XmlElement => {
  const attributes: Record<string, string> = {};
  for (const attribute of node.attributes) attributes[attribute.localName] = attribute.value;
  const element = {
    name: qualifiedName(node),
    attributes,
    children: [] as XmlElement[],
    parent,
    value: '',
    path,
  };
  const seen = new Map<string, number>();
  let value = '';
  for (const child of node.childNodes) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) value += child.data;
    if (child.nodeType !== ELEMENT_NODE) continue;
    const name = qualifiedName(child);
    const position = (seen.get(name) ?? 0) + 1;
    seen.set(name, position);
    const built = build(child, element, `${path}/${name}[${position}]`);
    element.children.push(built);
    value += built.value;
  }
  element.value = value;
  return element;
};

/** Parses the XML; throws on a document that is not well-formed. */
export const parseXml = (xml: string): XmlElement => {
  const root = create(xml).root().node as unknown as DomNode;
  return build(root, undefined, `/${qualifiedName(root)}`);
};

/** XPath normalize-space(). */
export const normalizeSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Child steps separated by `/` (`cac:Party/cac:PostalAddress/cbc:StreetName`); `*` matches any element
 * and `..` goes to the parent. Results keep document order.
 */
export const select = (from: XmlElement, path: string): XmlElement[] =>
  path.split('/').reduce<XmlElement[]>(
    (nodes, step) =>
      nodes.flatMap((node) => {
        if (step === '..') return node.parent ? [node.parent] : [];
        return node.children.filter((child) => step === '*' || child.name === step);
      }),
    [from],
  );

export const first = (from: XmlElement, path: string): XmlElement | undefined => select(from, path)[0];

export const exists = (from: XmlElement, path: string): boolean => select(from, path).length > 0;

/** String value of the first match, as XPath `string(path)`; undefined when nothing matches. */
export const textOf = (from: XmlElement, path: string): string | undefined => first(from, path)?.value;

/** `path != ''` in XPath: some match has a non-empty string value. */
export const hasText = (from: XmlElement, path: string): boolean =>
  select(from, path).some((node) => node.value !== '');

/** All elements of the subtree in document order, the root first. */
export const allElements = (root: XmlElement): XmlElement[] => [
  root,
  ...root.children.flatMap((child) => allElements(child)),
];
