import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEInvoice } from '../src/adapters/einvoice-validation/validate-einvoice.js';
const dirs = ['test/fixtures/peppol/examples/en16931-1.3.16', 'test/fixtures/peppol/examples/nl/si-ubl-2.0'];
for (const dir of dirs) for (const f of readdirSync(dir).filter((f) => /\.xml$/i.test(f)).sort()) {
  const xml = readFileSync(join(dir, f), 'utf8');
  try {
    const r = await validateEInvoice(xml);
    const errs = [...new Set(r.errors.map((e) => e.ruleId))].join(',');
    const warns = [...new Set(r.warnings.map((e) => e.ruleId))].join(',');
    console.log(`${r.valid ? 'VALID  ' : 'INVALID'} ${f} | E: ${errs} | W: ${warns}`);
  } catch (e) { console.log(`THROW ${f}: ${(e as Error).message}`); }
}
