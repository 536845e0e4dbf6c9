import { readFile } from 'node:fs/promises';
import { memoryPages, validateXML } from 'xmllint-wasm';

/** The official XAF 3.2 schema, shipped beside the code (schemas/xaf-3.2, see its SOURCES.md). */
export const XAF_XSD_URL = new URL(
  '../../../../schemas/xaf-3.2/XmlAuditfileFinancieel3.2.xsd',
  import.meta.url,
);

let schema: Promise<string> | undefined;

export interface XsdValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/**
 * Validates an auditfile against the XAF 3.2 XSD with libxml2 (xmllint-wasm). Structure, types, lengths and
 * code lists only: the XSD's keyrefs are never applied by an XSD 1.0 validator (domain.md §4), so pair this
 * with the consistency check. The whole document is held in memory (WebAssembly heap sized to it).
 */
export async function validateXafAgainstXsd(xml: string): Promise<XsdValidationResult> {
  schema ??= readFile(XAF_XSD_URL, 'utf8');
  const contents = await schema;
  // libxml2 needs a few times the document size; the default 32 MiB ceiling fails on large files.
  const needed = Math.ceil((Buffer.byteLength(xml) * 8) / (64 * 1024)) + 64 * memoryPages.MiB;
  const result = await validateXML({
    xml: { fileName: 'auditfile.xaf', contents: xml },
    schema: { fileName: 'XmlAuditfileFinancieel3.2.xsd', contents },
    maxMemoryPages: Math.min(memoryPages.max, Math.max(memoryPages.defaultMaxMemoryPages, needed)),
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}
