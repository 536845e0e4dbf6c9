import { readFileSync } from 'node:fs';
import { validateAgainstUblXsd } from '../src/adapters/einvoice-validation/xsd.js';
const ok = readFileSync('test/fixtures/peppol/examples/nl/si-ubl-2.0/SI-UBL-2.0_ok_minimal.xml', 'utf8');
const bad = ok.replace('<cbc:ID>12115118</cbc:ID>', '');
const bad2 = ok.replace('<cbc:IssueDate>2015-01-09</cbc:IssueDate>', '<cbc:IssueDate>09-01-2015</cbc:IssueDate>');
const r = await Promise.all([ok, bad, ok, bad2, ok].map((x) => validateAgainstUblXsd(x, 'Invoice')));
console.log(JSON.stringify(r, null, 1));
console.log(JSON.stringify(await validateAgainstUblXsd(ok.replace('<cbc:ID>12115118</cbc:ID>', '<cbc:ID>1</cbc:ID><cbc:Foo/>'), 'CreditNote')));
