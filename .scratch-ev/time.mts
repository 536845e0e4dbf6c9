import { readFileSync } from 'node:fs';
import { validateAgainstUblXsd } from '../src/adapters/einvoice-validation/xsd.js';
import { parseUblDocument } from '../src/adapters/einvoice-validation/ubl-document.js';
import { runRules } from '../src/adapters/einvoice-validation/run-rules.js';
import { RULESETS } from '../src/adapters/einvoice-validation/rulesets.js';
const xml = readFileSync('test/fixtures/peppol/examples/en16931-1.3.16/ubl-tc434-example2.xml', 'utf8');
await validateAgainstUblXsd(xml, 'Invoice');
let t = performance.now();
for (let i = 0; i < 5; i++) await validateAgainstUblXsd(xml, 'Invoice');
console.log('xsd ms', (performance.now() - t) / 5);
t = performance.now();
for (let i = 0; i < 5; i++) { const d = parseUblDocument(xml); for (const f of RULESETS['3.0.21'].families) runRules(d, f.rules); }
console.log('rules ms', (performance.now() - t) / 5);
