import type { Attachment } from 'pdfmake/interfaces.js';

/** PDF 2.0 / PDF/A-3 AFRelationship; Factur-X and ZUGFeRD carry their XML as 'Alternative' (or 'Data'). */
export type AttachmentRelationship = 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified';

/** A file embedded in the PDF, e.g. the UBL of the same invoice, so one file serves people and software. */
export interface PdfAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly mimeType: string;
  readonly description?: string;
  readonly relationship?: AttachmentRelationship;
}

/** What pdfkit's `doc.file(src, options)` reads beyond pdfmake's typed fields; pdfmake passes it through. */
interface EmbeddedFileOptions extends Attachment {
  type: string;
  relationship: AttachmentRelationship;
  creationDate: Date;
  modifiedDate: Date;
}

/**
 * pdfmake's `files`: each becomes an EmbeddedFile listed in the document's name tree and in the catalog's
 * /AF array. The content goes in as a data URL because pdfmake's URL pass drops Buffer sources. The file
 * dates are the document's own (never the clock), so the bytes stay deterministic.
 */
export const embeddedFiles = (
  attachments: readonly PdfAttachment[],
  date: Date,
): Record<string, EmbeddedFileOptions> =>
  Object.fromEntries(
    attachments.map((attachment) => [
      attachment.filename,
      {
        src: `data:${attachment.mimeType};base64,${attachment.content.toString('base64')}`,
        name: attachment.filename,
        type: attachment.mimeType,
        relationship: attachment.relationship ?? 'Unspecified',
        creationDate: date,
        modifiedDate: date,
        ...(attachment.description === undefined ? {} : { description: attachment.description }),
      },
    ]),
  );
