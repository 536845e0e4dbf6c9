import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { type PdfAttachment, renderPdfInvoice } from '../../../src/adapters/rendering/pdf-invoice.js';
import { renderUblInvoice } from '../../../src/adapters/rendering/ubl-invoice.js';
import { businessBuyerPeppol } from '../../fixtures/invoices/domestic-mixed-rates.js';

interface ExtractedAttachment {
  filename: string;
  description: string;
  content: Uint8Array;
}

const attachmentsOf = async (pdf: Buffer): Promise<Record<string, ExtractedAttachment>> => {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    return (await document.getAttachments()) ?? {};
  } finally {
    await document.destroy();
  }
};

const ublAttachment = (): PdfAttachment => ({
  filename: `${businessBuyerPeppol.number}.xml`,
  content: Buffer.from(renderUblInvoice(businessBuyerPeppol)),
  mimeType: 'application/xml',
  description: 'UBL 2.1 e-invoice',
  relationship: 'Alternative',
});

describe('renderPdfInvoice: hybrid PDF with the UBL embedded', () => {
  it('embeds the UBL XML as an attached file that reads back byte for byte', async () => {
    const ubl = ublAttachment();
    const attachments = await attachmentsOf(
      await renderPdfInvoice(businessBuyerPeppol, { attachments: [ubl] }),
    );

    const embedded = attachments['VW-2025-000124.xml'];
    expect(embedded?.filename).toBe('VW-2025-000124.xml');
    expect(embedded?.description).toBe('UBL 2.1 e-invoice');
    expect(Buffer.from(embedded!.content).equals(ubl.content)).toBe(true);
  });

  it('declares it as the alternative representation (AF, as Factur-X does) with its type and the issue date', async () => {
    const raw = (await renderPdfInvoice(businessBuyerPeppol, { attachments: [ublAttachment()] })).toString(
      'latin1',
    );

    expect(raw).toMatch(/\/AFRelationship \/Alternative/);
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/Type \/EmbeddedFile\s+\/Params <<\s+\/CreationDate \(D:20250317000000Z\)/);
    expect(raw).toContain('/Subtype /application#2Fxml');
  });

  it('embeds nothing without attachments', async () => {
    const pdf = await renderPdfInvoice(businessBuyerPeppol);

    expect(await attachmentsOf(pdf)).toEqual({});
    expect(pdf.toString('latin1')).not.toContain('/EmbeddedFile');
  });
});
