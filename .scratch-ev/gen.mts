import { renderUblInvoice } from '../src/adapters/rendering/ubl-invoice.js';
import { validateEInvoice } from '../src/adapters/einvoice-validation/validate-einvoice.js';
import { GENERATED_DOCUMENTS } from '../test/adapters/einvoice-validation/generated-documents.js';
import { writeFileSync, mkdirSync } from 'node:fs';
mkdirSync('.scratch-ev/out', { recursive: true });
let i = 0;
for (const [name, doc] of Object.entries(GENERATED_DOCUMENTS)) {
  const xml = renderUblInvoice(doc);
  writeFileSync(`.scratch-ev/out/${String(i++).padStart(2, '0')}.xml`, xml);
  const r = await validateEInvoice(xml);
  const fmt = (fs: typeof r.errors) => [...new Set(fs.map((e) => e.ruleId))].join(',');
  console.log(`${r.valid ? 'VALID  ' : 'INVALID'} ${String(i - 1).padStart(2, '0')} ${name} [${r.customizationId.slice(-12)}] | E: ${fmt(r.errors)} | W: ${fmt(r.warnings)}`);
  if (process.env.DETAIL) for (const e of r.errors) console.log('   ', e.ruleId, e.location, e.message.slice(0, 140));
}
