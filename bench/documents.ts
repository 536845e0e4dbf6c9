/**
 * Document rendering benchmark: PDF and UBL separately, for invoices of 1, 5 and 100 lines with Latin
 * Extended and CJK text, on one core (each document is rendered to completion before the next starts).
 * Prints documents/s and ms/doc after a warm-up; enforces nothing.
 *
 *   npx tsx bench/documents.ts            # 2 s per case
 *   BENCH_SECONDS=5 npx tsx bench/documents.ts
 */
import { renderPdfInvoice } from '../src/adapters/rendering/pdf-invoice.js';
import { renderUblInvoice } from '../src/adapters/rendering/ubl-invoice.js';
import type { InvoiceDocument } from '../src/domain/invoice/invoice-document.js';
import { unicodeInvoice } from '../test/fixtures/invoices/unicode-lines.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const WARM_UP = 20;

const renderers: Record<string, (invoice: InvoiceDocument) => Promise<unknown> | unknown> = {
  PDF: renderPdfInvoice,
  UBL: renderUblInvoice,
};

/** Renders for at least `seconds`; the warm-up loads and parses the fonts and lets V8 optimise. */
const measure = async (render: (invoice: InvoiceDocument) => unknown, invoice: InvoiceDocument) => {
  for (let i = 0; i < WARM_UP; i += 1) await render(invoice);
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    await render(invoice);
    count += 1;
    elapsed = performance.now() - start;
  }
  return { perSecond: (count * 1000) / elapsed, msPerDoc: elapsed / count };
};

console.log('format  lines   docs/s   ms/doc');
for (const [format, render] of Object.entries(renderers)) {
  for (const lines of [1, 5, 100]) {
    const { perSecond, msPerDoc } = await measure(render, unicodeInvoice(lines));
    console.log(
      `${format.padEnd(6)}  ${String(lines).padStart(5)}  ${perSecond.toFixed(1).padStart(7)}  ${msPerDoc.toFixed(2).padStart(7)}`,
    );
  }
}
