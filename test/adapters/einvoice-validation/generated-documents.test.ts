import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EInvoiceValidation,
  validateEInvoice,
} from '../../../src/adapters/einvoice-validation/validate-einvoice.js';
import { renderUblInvoice } from '../../../src/adapters/rendering/ubl-invoice.js';
import { businessBuyerPeppol, domesticMixedRates } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { paperCreditNote, usdInvoice } from '../../fixtures/invoices/foreign-currency.js';
import { GENERATED_DOCUMENTS } from './generated-documents.js';

const PEPPOL_BIS_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const NLCIUS = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
const EN16931 = 'urn:cen.eu:en16931:2017';

const DOCUMENTS = {
  ...GENERATED_DOCUMENTS,
  'Hand-checked fixture: consumer, mixed rates': domesticMixedRates,
  'Hand-checked fixture: business buyer on Peppol': businessBuyerPeppol,
  'Hand-checked fixture: USD invoice': usdInvoice,
  'Hand-checked fixture: part credit note on Peppol': paperCreditNote,
};

describe('validateEInvoice on the documents Autofactuur generates', () => {
  const results = new Map<string, EInvoiceValidation>();
  beforeAll(async () => {
    const entries = Object.entries(DOCUMENTS);
    const validated = await Promise.all(
      entries.map(([, document]) => validateEInvoice(renderUblInvoice(document))),
    );
    for (const [i, [name]] of entries.entries()) results.set(name, validated[i]!);
  });

  it('covers at least 20 kinds of invoices and several credit notes', () => {
    const kinds = Object.values(DOCUMENTS);
    expect(kinds.filter((document) => document.type === 'invoice').length).toBeGreaterThanOrEqual(20);
    expect(kinds.filter((document) => document.type === 'credit_note').length).toBeGreaterThanOrEqual(6);
    expect(
      new Set(kinds.flatMap((document) => document.vatBreakdown.map((entry) => entry.category))),
    ).toEqual(new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'O']));
    expect(new Set([...results.values()].map((result) => result.customizationId))).toEqual(
      new Set([PEPPOL_BIS_3, NLCIUS, EN16931]),
    );
  });

  it.each(Object.keys(DOCUMENTS))('%s: no fatal finding', (name) => {
    const result = results.get(name)!;
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.documentType).toBe(
      DOCUMENTS[name as keyof typeof DOCUMENTS].type === 'invoice' ? 'Invoice' : 'CreditNote',
    );
  });

  it('leaves Peppol and plain EN 16931 documents without warnings', () => {
    const warned = [...results.entries()]
      .filter(([, result]) => result.customizationId !== NLCIUS && result.warnings.length > 0)
      .map(([name, result]) => `${name}: ${result.warnings.map((w) => w.ruleId).join(', ')}`);
    expect(warned).toEqual([]);
  });

  it('leaves NLCIUS documents only the warnings for data we state on purpose', () => {
    // BR-NL-19/33 tax currency (art. 230 Directive), BR-NL-24 invoice date on a credit note, BR-NL-29 the
    // payment method text, BR-NL-32/34/35 allowance, charge and exemption reason codes next to their texts.
    const expected = /^BR-NL-(19|24|29|32-\d|33|34-\d|35)$/;
    const unexpected = [...results.values()]
      .flatMap((result) => result.warnings)
      .filter((finding) => !expected.test(finding.ruleId));
    expect(unexpected).toEqual([]);
  });
});
