import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page as pdfjs extracts it, with a newline where pdfjs sees the end of a line. */
export const pdfPageTexts = async (pdf: Buffer): Promise<string[]> => {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(
        content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
      );
    }
    return pages;
  } finally {
    await document.destroy();
  }
};
