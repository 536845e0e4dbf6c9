import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/** OASIS UBL 2.1 schemas, copied with their directory layout so the `../common/...` imports resolve. */
const SCHEMA_ROOT = fileURLToPath(new URL('../fixtures/ubl-2.1-xsd/', import.meta.url));

export type UblDocumentType = 'Invoice' | 'CreditNote';

let schemaFiles: Promise<XMLFileInfo[]> | undefined;

/** Every .xsd under the schema root, read once per test process; xmllint-wasm sees no real file system. */
const loadSchemaFiles = (): Promise<XMLFileInfo[]> => {
  schemaFiles ??= (async () => {
    const entries = await readdir(SCHEMA_ROOT, { recursive: true });
    const paths = entries.filter((entry) => entry.endsWith('.xsd')).sort();
    return Promise.all(
      paths.map(async (path) => ({
        fileName: path,
        contents: await readFile(join(SCHEMA_ROOT, path), 'utf8'),
      })),
    );
  })();
  return schemaFiles;
};

/** Validates `xml` against the UBL 2.1 main document schema; structure only, not the EN 16931 business rules. */
export const validateAgainstUblXsd = async (
  xml: string,
  documentType: UblDocumentType = 'Invoice',
): Promise<{ valid: boolean; errors: string[] }> => {
  const files = await loadSchemaFiles();
  const mainName = `maindoc/UBL-${documentType}-2.1.xsd`;
  const mainSchema = files.find((file) => file.fileName === mainName);
  if (!mainSchema) throw new Error(`UBL schema ${mainName} is missing under ${SCHEMA_ROOT}`);
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: mainSchema,
    preload: files.filter((file) => file !== mainSchema),
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
};
