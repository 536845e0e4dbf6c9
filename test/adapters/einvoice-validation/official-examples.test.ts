import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EInvoiceValidation,
  type Finding,
  validateEInvoice,
} from '../../../src/adapters/einvoice-validation/validate-einvoice.js';

/**
 * The official example documents (test/fixtures/peppol/examples, see SOURCES.md there) get the verdict their
 * publishers give them: the EN 16931 1.3.16 examples are valid, and each SI-UBL 2.0 test file is valid (`_ok`),
 * valid with a warning (`_warning`) or invalid (`_error`), with the rule its name gives.
 */
const EXAMPLES = fileURLToPath(new URL('../../fixtures/peppol/examples/', import.meta.url));
const EN16931 = 'en16931-1.3.16';
const SI_UBL = 'nl/si-ubl-2.0';

const filesIn = (folder: string) =>
  readdirSync(join(EXAMPLES, folder))
    .filter((name) => /\.xml$/i.test(name))
    .sort();

/**
 * Where the named rule cannot be the one that fires under the SI-UBL 2.0.3.12 schematron, the rule that does
 * reject the file. BR-NL-7 allows type code 381 since SI-UBL 2.0.3 (it reads "380, 381, 384, 389"); an
 * Invoice with 381 is rejected by BR-NL-8 (381 needs the CreditNote syntax) and BR-CL-01 (381 is no invoice
 * type code). Two files name no rule: the one without a CustomizationID fails BR-01, and the one with empty
 * elements gets the SI-UBL warning SI-UBL-2 ("Document should not contain empty elements").
 */
const FIRING_RULE: Readonly<Record<string, string>> = {
  'SI-UBL-2.0_BR-NL-7_error_381_invoice.xml': 'BR-NL-8',
  'SI-UBL-2.0_error_no_customizationid.xml': 'BR-01',
  'SI-UBL-2.0_warning_empty_elements.xml': 'SI-UBL-2',
};

/** `SI-UBL-2.0_<rule>_<verdict>_…` or `SI-UBL-2.0_<verdict>_…`. */
const expectationOf = (file: string): { verdict: 'ok' | 'warning' | 'error'; rule: string | undefined } => {
  const match = /^SI-UBL-2\.0_(?:(.+?)_)?(ok|warning|error)(?:_|\.xml$)/.exec(file);
  if (!match) throw new Error(`cannot read the expected verdict of ${file}`);
  return { verdict: match[2] as 'ok' | 'warning' | 'error', rule: FIRING_RULE[file] ?? match[1] };
};

/** The SI-UBL schematron gives context variants ids like BR-NL-27-2; the file names use the rule, BR-NL-27. */
const carries = (findings: readonly Finding[], rule: string) =>
  findings.some((finding) => finding.ruleId === rule || finding.ruleId.startsWith(`${rule}-`));

const ids = (findings: readonly Finding[]) => [...new Set(findings.map((finding) => finding.ruleId))];

/** All documents are validated together, so they share one compilation of the UBL schemas. */
const validateAll = async (folder: string): Promise<Map<string, EInvoiceValidation>> => {
  const files = filesIn(folder);
  const results = await Promise.all(
    files.map((file) => validateEInvoice(readFileSync(join(EXAMPLES, folder, file), 'utf8'))),
  );
  return new Map(files.map((file, i) => [file, results[i]!]));
};

describe('EN 16931 1.3.16 UBL examples', () => {
  let results: Map<string, EInvoiceValidation>;
  beforeAll(async () => {
    results = await validateAll(EN16931);
  });

  it('has the 19 documents SOURCES.md lists', () => {
    expect(filesIn(EN16931)).toHaveLength(19);
  });

  it.each(filesIn(EN16931))('%s is valid (no fatal finding)', (file) => {
    const result = results.get(file)!;
    expect(ids(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('reads the document type and specification identifier of each example', () => {
    expect(results.get('ubl-tc434-creditnote1.xml')?.documentType).toBe('CreditNote');
    expect(results.get('ubl-tc434-example1.xml')?.customizationId).toBe('urn:cen.eu:en16931:2017');
    expect(results.get('BIS3_Invoice_positive.XML')?.customizationId).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );
  });
});

describe('SI-UBL 2.0 (NLCIUS) test set', () => {
  let results: Map<string, EInvoiceValidation>;
  beforeAll(async () => {
    results = await validateAll(SI_UBL);
  });

  it('has the 95 documents SOURCES.md lists', () => {
    expect(filesIn(SI_UBL)).toHaveLength(95);
  });

  const byVerdict = (verdict: string) =>
    filesIn(SI_UBL).filter((file) => expectationOf(file).verdict === verdict);

  it.each(byVerdict('ok'))('%s is valid', (file) => {
    const result = results.get(file)!;
    expect(ids(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(byVerdict('warning'))('%s is valid, with a warning of the named rule', (file) => {
    const result = results.get(file)!;
    const { rule } = expectationOf(file);
    expect(ids(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(carries(result.warnings, rule!)).toBe(true);
  });

  it.each(byVerdict('error'))('%s is invalid, failing the named rule', (file) => {
    const result = results.get(file)!;
    const { rule } = expectationOf(file);
    expect(result.valid).toBe(false);
    expect(carries(result.errors, rule!), `errors: ${ids(result.errors).join(', ')}`).toBe(true);
    expect(result.errors.every((finding) => finding.flag === 'fatal')).toBe(true);
  });

  it('checks every file: 36 valid, 26 valid with a warning, 33 invalid', () => {
    expect([byVerdict('ok').length, byVerdict('warning').length, byVerdict('error').length]).toEqual([
      36, 26, 33,
    ]);
  });
});
