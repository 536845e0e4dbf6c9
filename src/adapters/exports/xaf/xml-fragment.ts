import { escapeXmlText } from './xml-text.js';

/**
 * Builds the text of one XML fragment (a ledger account, a transaction) at a given nesting depth. Callers pass
 * values already converted by xaf-values.ts; this class only escapes and indents. Indentation is two spaces:
 * the XSD's element-only content allows whitespace between elements, and a readable file helps auditors.
 */
export class XmlFragment {
  private text = '';

  constructor(private depth: number) {}

  open(name: string): this {
    this.text += `${'  '.repeat(this.depth)}<${name}>\n`;
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.text += `${'  '.repeat(this.depth)}</${name}>\n`;
    return this;
  }

  leaf(name: string, value: string): this {
    this.text += `${'  '.repeat(this.depth)}<${name}>${escapeXmlText(value)}</${name}>\n`;
    return this;
  }

  /** Writes the element only when there is a value (every optional XSD element is minOccurs="0"). */
  optional<T>(name: string, value: T | undefined, convert: (value: T) => string): this {
    return value === undefined ? this : this.leaf(name, convert(value));
  }

  toString(): string {
    return this.text;
  }
}
