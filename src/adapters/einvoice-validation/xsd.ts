import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryPages, validateXML, type XMLFileInfo, type XMLValidationError } from 'xmllint-wasm';
import type { UblDocumentType } from './ubl-document.js';

/**
 * OASIS UBL 2.1 schemas shipped with the application in `schemas/ubl-2.1` (copied with their layout, so the
 * `../common/...` imports resolve). Resolved from this module, not from the working directory: the same
 * relative path holds for `src/adapters/einvoice-validation` and for the compiled `dist/adapters/...`.
 */
const SCHEMA_ROOT = fileURLToPath(new URL('../../../schemas/ubl-2.1/', import.meta.url));

export interface XsdResult {
  readonly valid: boolean;
  readonly errors: string[];
}

let schemaFiles: Promise<XMLFileInfo[]> | undefined;

/** Every .xsd under the schema root, read once per process; xmllint-wasm sees no real file system. */
const loadSchemaFiles = (): Promise<XMLFileInfo[]> => {
  schemaFiles ??= (async () => {
    const entries = await readdir(SCHEMA_ROOT, { recursive: true });
    const paths = entries.filter((entry) => entry.endsWith('.xsd')).sort();
    return Promise.all(
      paths.map(async (path) => ({
        fileName: path.split('\\').join('/'),
        contents: await readFile(join(SCHEMA_ROOT, path), 'utf8'),
      })),
    );
  })();
  schemaFiles.catch(() => {
    schemaFiles = undefined;
  });
  return schemaFiles;
};

interface Pending {
  readonly xml: string;
  readonly resolve: (result: XsdResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Compiling the UBL schemas costs about half a second per xmllint run, validating a document a few
 * milliseconds. So there is at most one run per document type at a time, and every document that
 * arrives while it runs joins the next one: an idle system validates at once, a busy one in batches.
 */
const MAX_BATCH = 200;
const queues: Record<UblDocumentType, Pending[]> = { Invoice: [], CreditNote: [] };
const running: Record<UblDocumentType, boolean> = { Invoice: false, CreditNote: false };

/** xmllint's lines about one input file, without the synthetic file name (and its "fails to validate"). */
const resultOf = (errors: readonly XMLValidationError[], fileName: string): XsdResult => {
  const own = errors.filter(
    (error) => error.loc?.fileName === fileName || error.rawMessage.startsWith(`${fileName} `),
  );
  return {
    valid: own.length === 0,
    errors: own
      .filter((error) => error.loc !== null)
      .map((error) => `line ${error.loc!.lineNumber}: ${error.message}`),
  };
};

const runXmllint = async (documentType: UblDocumentType, xmls: readonly string[]): Promise<XsdResult[]> => {
  const files = await loadSchemaFiles();
  const mainName = `maindoc/UBL-${documentType}-2.1.xsd`;
  const mainSchema = files.find((file) => file.fileName === mainName);
  if (!mainSchema) throw new Error(`UBL schema ${mainName} is missing under ${SCHEMA_ROOT}`);
  const names = xmls.map((_, i) => `document-${i}.xml`);
  const result = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: names[i]!, contents })),
    schema: mainSchema,
    preload: files.filter((file) => file !== mainSchema),
    maxMemoryPages: 256 * memoryPages.MiB,
  });
  return names.map((name) => (result.valid ? { valid: true, errors: [] } : resultOf(result.errors, name)));
};

const validateBatch = async (documentType: UblDocumentType, batch: readonly Pending[]): Promise<void> => {
  try {
    const results = await runXmllint(
      documentType,
      batch.map((pending) => pending.xml),
    );
    for (const [i, pending] of batch.entries()) pending.resolve(results[i]!);
  } catch (error) {
    // xmllint aborts a whole run on some input it cannot read at all; then find out which one, alone.
    if (batch.length === 1) batch[0]!.reject(error);
    else for (const pending of batch) await validateBatch(documentType, [pending]);
  }
};

const drain = async (documentType: UblDocumentType): Promise<void> => {
  if (running[documentType]) return;
  running[documentType] = true;
  try {
    while (queues[documentType].length > 0) {
      await validateBatch(documentType, queues[documentType].splice(0, MAX_BATCH));
    }
  } finally {
    running[documentType] = false;
  }
};

/** Validates against the UBL 2.1 main document schema: structure and data types, not business rules. */
export const validateAgainstUblXsd = (xml: string, documentType: UblDocumentType): Promise<XsdResult> =>
  new Promise((resolve, reject) => {
    queues[documentType].push({ xml, resolve, reject });
    // Next tick, so documents handed in together (a test table) share the first run too.
    setImmediate(() => void drain(documentType));
  });
