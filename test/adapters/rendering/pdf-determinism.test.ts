import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type PdfRenderOptions, renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';
import { symbolsInvoice, unicodeInvoice } from '../../fixtures/invoices/unicode-lines.js';

const require = createRequire(import.meta.url);
const sha256 = (pdf: Buffer): string => createHash('sha256').update(pdf).digest('hex');

/** A logo, a footer line and an attachment, built the same way here and in the child process. */
const BRANDING = {
  accentColor: '#0B6E4F',
  footerText: 'Ørsted & Dvořák — 東京',
  logo: {
    mediaType: 'image/png',
    dataBase64:
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  },
} as const;
const ATTACHMENT = {
  filename: 'VW-2026-000005.xml',
  mimeType: 'application/xml',
  relationship: 'Alternative',
} as const;
const XML = '<Invoice/>';
const options: PdfRenderOptions = {
  branding: BRANDING,
  attachments: [{ ...ATTACHMENT, content: Buffer.from(XML) }],
};
const OPTIONS_SOURCE = `{
  branding: ${JSON.stringify(BRANDING)},
  attachments: [{ ...${JSON.stringify(ATTACHMENT)}, content: Buffer.from(${JSON.stringify(XML)}) }],
}`;

/**
 * Renders the 5-line unicode invoice and the emoji/symbols invoice in a fresh Node process whose working
 * directory is elsewhere: its fonts are parsed for those documents (no warm cache) and found relative to
 * the module, not the cwd.
 */
const hashInFreshProcess = async (): Promise<string> => {
  const module = (path: string) => pathToFileURL(require.resolve(path)).href;
  const script = `
    import { createHash } from 'node:crypto';
    const { renderPdfInvoice } = await import(${JSON.stringify(module('../../../src/adapters/rendering/pdf-invoice.ts'))});
    const { symbolsInvoice, unicodeInvoice } = await import(${JSON.stringify(module('../../fixtures/invoices/unicode-lines.ts'))});
    const pdf = await renderPdfInvoice(unicodeInvoice(5), ${OPTIONS_SOURCE});
    const symbols = await renderPdfInvoice(symbolsInvoice);
    process.stdout.write([pdf, symbols].map((bytes) => createHash('sha256').update(bytes).digest('hex')).join(' '));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', module('tsx'), '--input-type=module', '--eval', script],
    { cwd: tmpdir() },
  );
  return stdout;
};

describe('renderPdfInvoice: deterministic output', () => {
  it('gives identical bytes for the same invoice, in this process', async () => {
    const first = await renderPdfInvoice(businessBuyerPeppol);
    await renderPdfInvoice(unicodeInvoice(30));
    const second = await renderPdfInvoice(structuredClone(businessBuyerPeppol));

    expect(second.equals(first)).toBe(true);
  });

  it('gives identical bytes with logo, footer and attachment', async () => {
    const first = await renderPdfInvoice(unicodeInvoice(5), options);
    const second = await renderPdfInvoice(unicodeInvoice(5), options);

    expect(second.equals(first)).toBe(true);
  });

  it('gives the same SHA-256 in a fresh process as in this warm one', { timeout: 60_000 }, async () => {
    for (let warm = 0; warm < 3; warm += 1) await renderPdfInvoice(unicodeInvoice(20));
    await renderPdfInvoice(symbolsInvoice);
    const here = [
      sha256(await renderPdfInvoice(unicodeInvoice(5), options)),
      sha256(await renderPdfInvoice(symbolsInvoice)),
    ].join(' ');

    expect(await hashInFreshProcess()).toBe(here);
  });

  it('gives the same bytes when documents are rendered concurrently (the fonts are shared)', async () => {
    const invoices = [1, 5, 40, 5, 1].map((lines) => unicodeInvoice(lines)).concat(symbolsInvoice);
    const sequential: Buffer[] = [];
    for (const invoice of invoices) sequential.push(await renderPdfInvoice(invoice));
    const concurrent = await Promise.all(invoices.map((invoice) => renderPdfInvoice(invoice)));

    expect(concurrent.map((pdf, index) => pdf.equals(sequential[index]!))).toEqual(invoices.map(() => true));
  });

  it('changes when the invoice changes', async () => {
    const original = await renderPdfInvoice(businessBuyerPeppol);
    const renumbered = await renderPdfInvoice({ ...businessBuyerPeppol, number: 'VW-2025-000125' });

    expect(renumbered.equals(original)).toBe(false);
  });
});
