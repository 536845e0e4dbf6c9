import type { UblDocument } from './ubl-document.js';
import type { XmlElement } from './xml-tree.js';

export type Flag = 'fatal' | 'warning';

export interface Finding {
  readonly ruleId: string;
  readonly flag: Flag;
  readonly message: string;
  /** XPath of the element the rule fired on. */
  readonly location?: string;
}

export type Check = (node: XmlElement, doc: UblDocument) => boolean;

/**
 * One schematron assertion: the rule `context` selects elements (alternatives split by `|`, child steps by
 * `/`, a leading `/` anchors at the document root, `*` is any element), `when` is the context's `[...]`
 * filter, and `test` is the assertion: the rule fires on every selected element where it is false.
 */
export interface Rule {
  readonly id: string;
  readonly flag: Flag;
  /** The official assertion text, without the `[id]-` prefix. */
  readonly message: string;
  readonly context: string;
  readonly test: Check;
  readonly when?: Check;
}

const make =
  (flag: Flag) =>
  (id: string, message: string, context: string, test: Check, when?: Check): Rule => ({
    id,
    flag,
    message,
    context,
    test,
    ...(when === undefined ? {} : { when }),
  });

export const fatal = make('fatal');
export const warning = make('warning');

/** The document element, as `/ubl:Invoice | /cn:CreditNote` in the schematrons. */
export const ROOT = '/Invoice | /CreditNote';
export const LINE = 'cac:InvoiceLine | cac:CreditNoteLine';
