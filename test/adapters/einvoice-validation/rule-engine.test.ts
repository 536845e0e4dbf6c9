import { describe, expect, it } from 'vitest';
import { fatal, warning } from '../../../src/adapters/einvoice-validation/rule.js';
import { RULESET_VERSION, RULESETS } from '../../../src/adapters/einvoice-validation/rulesets.js';
import { runRules } from '../../../src/adapters/einvoice-validation/run-rules.js';
import { parseUblDocument } from '../../../src/adapters/einvoice-validation/ubl-document.js';
import {
  toDecimal,
  withinSlack,
  xpathRound,
} from '../../../src/adapters/einvoice-validation/xpath-numbers.js';

const INVOICE = `<?xml version="1.0"?>
<ubl:Invoice xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <b:CustomizationID>  urn:cen.eu:en16931:2017  </b:CustomizationID>
  <a:AccountingSupplierParty><a:Party><a:PostalAddress><a:Country><b:IdentificationCode>nl</b:IdentificationCode></a:Country></a:PostalAddress></a:Party></a:AccountingSupplierParty>
  <a:InvoiceLine><b:ID>1</b:ID><a:InvoicePeriod><b:StartDate>2026-01-01</b:StartDate></a:InvoicePeriod></a:InvoiceLine>
  <a:InvoicePeriod><b:StartDate>2026-01-01</b:StartDate></a:InvoicePeriod>
</ubl:Invoice>`;

describe('the rule engine', () => {
  const doc = parseUblDocument(INVOICE);

  it('names elements by namespace, whatever prefixes the document uses', () => {
    expect(doc.type).toBe('Invoice');
    expect(doc.customizationId).toBe('urn:cen.eu:en16931:2017');
    expect(doc.sellerCountry).toBe('NL');
    expect(doc.buyerCountry).toBe('XX');
    expect(doc.lines.map((line) => line.path)).toEqual(['/Invoice/cac:InvoiceLine[1]']);
  });

  it('matches schematron contexts: relative, anchored at the root, alternatives, with a filter', () => {
    const fired = (context: string, when?: Parameters<typeof fatal>[4]) =>
      runRules(doc, [fatal('X', 'fires', context, () => false, when)]).map((finding) => finding.location);

    expect(fired('cac:InvoicePeriod')).toEqual([
      '/Invoice/cac:InvoiceLine[1]/cac:InvoicePeriod[1]',
      '/Invoice/cac:InvoicePeriod[1]',
    ]);
    expect(fired('/Invoice/cac:InvoicePeriod | /CreditNote/cac:InvoicePeriod')).toEqual([
      '/Invoice/cac:InvoicePeriod[1]',
    ]);
    expect(fired('cac:InvoiceLine/cac:InvoicePeriod/cbc:StartDate')).toEqual([
      '/Invoice/cac:InvoiceLine[1]/cac:InvoicePeriod[1]/cbc:StartDate[1]',
    ]);
    expect(fired('*', (node) => node.name === 'cbc:ID')).toEqual(['/Invoice/cac:InvoiceLine[1]/cbc:ID[1]']);
    expect(runRules(doc, [warning('W', 'holds', '/Invoice', () => true)])).toEqual([]);
  });

  it('rounds as XPath round() does: halves towards positive infinity', () => {
    expect(xpathRound(toDecimal('2.345')!, 2).toFixed(2)).toBe('2.35');
    expect(xpathRound(toDecimal('-2.345')!, 2).toFixed(2)).toBe('-2.34');
    expect(xpathRound(toDecimal('-4.5')!).toFixed(0)).toBe('-4');
    expect(toDecimal(' 12.50 ')?.toFixed(2)).toBe('12.50');
    expect(toDecimal('1e3')).toBeUndefined();
    expect(withinSlack(toDecimal('10.00')!, toDecimal('10.02')!, '0.02')).toBe(true);
    expect(withinSlack(toDecimal('10.00')!, toDecimal('10.03')!, '0.02')).toBe(false);
  });
});

describe('the ruleset', () => {
  it('is Peppol BIS Billing 3.0.21, mandatory since 2026-08-24', () => {
    expect(RULESET_VERSION).toBe('3.0.21');
    expect(RULESETS[RULESET_VERSION]).toMatchObject({ peppolBis: '3.0.21', mandatoryFrom: '2026-08-24' });
  });

  it('gives every rule an id, a flag, the official message and a context', () => {
    const rules = RULESETS[RULESET_VERSION].families.flatMap((family) => family.rules);
    expect(rules.length).toBeGreaterThan(300);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^(BR|UBL|PEPPOL|NL|SI)-[A-Z0-9-]+$/);
      expect(['fatal', 'warning']).toContain(rule.flag);
      expect(rule.message.length).toBeGreaterThan(10);
      expect(rule.context).not.toBe('');
    }
  });
});
