import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { checkXafReferences } from '../../../../src/adapters/exports/xaf/xaf-check.js';
import { XafInputError } from '../../../../src/adapters/exports/xaf/xaf-errors.js';
import { writeXaf } from '../../../../src/adapters/exports/xaf/xaf-writer.js';
import { checkXafXmlReferences } from '../../../../src/adapters/exports/xaf/xaf-xml-check.js';
import { validateXafAgainstXsd } from '../../../../src/adapters/exports/xaf/xaf-xsd.js';
import { collect, LEDGER_ACCOUNTS, SALES, sampleInput, totalsOf, transaction } from './sample-auditfile.js';

const writeToString = async (input = sampleInput()) => {
  const sink = collect();
  const summary = await writeXaf(input, sink.output);
  return { xml: sink.text(), summary };
};

/** Text of every element with that local name, in document order (parsed back, so unescaped). */
const texts = (xml: string, localName: string): string[] =>
  create(xml)
    .root()
    .filter((node) => (node.node as unknown as { localName?: string }).localName === localName, true, true)
    .map((node) => (node.node as unknown as { textContent: string }).textContent);

describe('XAF 3.2 writer', () => {
  it('writes a realistic year that is XSD-valid and reference-valid', async () => {
    const { xml, summary } = await writeToString();

    const xsd = await validateXafAgainstXsd(xml);
    expect(xsd.errors).toEqual([]);
    expect(xsd.valid).toBe(true);
    expect(checkXafXmlReferences(xml)).toEqual({ ok: true, errors: [] });
    expect(await checkXafReferences(sampleInput())).toEqual({ ok: true, errors: [] });
    expect(summary).toEqual({ customers: 4, transactions: 9, linesCount: 26 });
  });

  it('writes header totals, periods and the opening balance as the XSD expects', async () => {
    const { xml } = await writeToString();

    expect(texts(xml, 'linesCount')).toEqual(['2', '26']);
    expect(texts(xml, 'totalDebit')).toEqual(['5000.00', '2362.00']);
    expect(texts(xml, 'periodNumber').slice(0, 12)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(texts(xml, 'endDatePeriod')[1]).toBe('2026-02-28');
    expect(texts(xml, 'jrnTp')).toEqual(['S', 'B']);
  });

  it('books VAT lines with a vat element, ICL without one, and the USD invoice with currency elements', async () => {
    const { xml } = await writeToString();

    expect(texts(xml, 'vatID')).toEqual([
      'H21',
      'L9',
      'OSS-DE19',
      'ICL0',
      'H21',
      'L9',
      'OSS-DE19',
      'H21',
      'L9',
    ]);
    expect(texts(xml, 'vatPerc')).toEqual(['21', '9', '19', '21', '9']);
    expect(texts(xml, 'curCode')).toEqual(['EUR', 'USD', 'USD', 'USD']);
    expect(texts(xml, 'curAmnt')).toEqual(['100.00', '100.00', '100.00']);
    const icl = xml.slice(xml.indexOf('<nr>F2026-0003</nr>'), xml.indexOf('<nr>C2026-0001</nr>'));
    expect(icl).not.toContain('<vat>');
    expect(texts(xml, 'amnt').every((amount) => /^\d+\.\d{2}$/.test(amount))).toBe(true);
  });

  it('maps every buyer, consumer or company, to custSupTp C and a Greek VAT id to country GR', async () => {
    const { xml } = await writeToString();

    expect(texts(xml, 'custSupTp')).toEqual(['C', 'C', 'C', 'C']);
    expect(texts(xml, 'taxRegistrationCountry')).toEqual(['NL', 'GR']);
    expect(texts(xml, 'custSupName')).toContain('Anna Müller & Söhne <Privat>');
    expect(xml).toContain('Anna Müller &amp; Söhne &lt;Privat&gt;');
  });

  it('truncates a 51-character customer name to the XSD maximum of 50', async () => {
    const name = 'Groothandel in Fietsonderdelen Van der Berg & Zonen';
    expect(name).toHaveLength(51);
    const { xml } = await writeToString(
      sampleInput({
        customers: [
          { custSupID: 'C-0001', custSupName: name, custSupTp: 'C' },
          { custSupID: 'C-0002' },
          { custSupID: 'C-0003' },
          { custSupID: 'C-0004' },
        ],
      }),
    );
    expect(texts(xml, 'custSupName')).toEqual([name.slice(0, 50)]);
    expect((await validateXafAgainstXsd(xml)).valid).toBe(true);

    const escaped = (text: string) => text.replace('&', '&amp;');
    const untruncated = xml.replace(escaped(name.slice(0, 50)), escaped(name));
    expect(untruncated).not.toBe(xml);
    const rejected = await validateXafAgainstXsd(untruncated);
    expect(rejected.valid).toBe(false);
    expect(rejected.errors.join('\n')).toContain('custSupName');
  });

  it('never splits a character or an escape when truncating, and drops characters XML cannot carry', async () => {
    const name = `${'a'.repeat(48)}e\u0301😀&`; // the accented e and the emoji straddle the 50th code point
    const { xml } = await writeToString(
      sampleInput({
        customers: [
          { custSupID: 'C-0001', custSupName: name, custSupTp: 'C' },
          { custSupID: 'C-0002', custSupName: 'Bell\u0007 & Tab\tCo\r', custSupTp: 'C' },
          { custSupID: 'C-0003' },
          { custSupID: 'C-0004' },
        ],
      }),
    );

    expect(texts(xml, 'custSupName')).toEqual([`${'a'.repeat(48)}e\u0301`, 'Bell & Tab\tCo\r']);
    expect((await validateXafAgainstXsd(xml)).valid).toBe(true);
  });

  it('writes the same bytes to a slow Node stream, waiting for drain instead of buffering', async () => {
    const expected = (await writeToString()).xml;
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        tick().then(() => callback());
      },
    });
    let drains = 0;
    slow.on('drain', () => drains++);

    await writeXaf(sampleInput(), slow);

    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    expect(drains).toBeGreaterThan(0);
  });

  it('refuses values the XSD cannot carry instead of rounding or cutting them', async () => {
    const threeDecimals = transaction('F1', '2026-01-15', 'x', [
      { accID: '1300', amnt: '1.005', amntTp: 'D' },
      { accID: '8000', amnt: '1.005', amntTp: 'C' },
    ]);
    const journal = { jrnID: 'VK', desc: 'Verkoop', transactions: [threeDecimals] };
    await expect(
      writeXaf(sampleInput({ transactions: { ...totalsOf([]), journals: [journal] } }), collect().output),
    ).rejects.toThrow(/"1.005" has more than two decimals/);

    const longId = { accID: 'X'.repeat(36), accDesc: 'Te lang', accTp: 'B' as const };
    await expect(
      writeXaf(sampleInput({ ledgerAccounts: [...LEDGER_ACCOUNTS, longId] }), collect().output),
    ).rejects.toBeInstanceOf(XafInputError);
    await expect(
      writeXaf(sampleInput({ header: { ...sampleInput().header, endDate: '2026-02-30' } }), collect().output),
    ).rejects.toThrow(/endDate: "2026-02-30" is not a date/);
  });

  it('accepts plain arrays as well as async iterables for transactions', async () => {
    const input = sampleInput({
      transactions: {
        ...totalsOf(SALES),
        journals: [{ jrnID: 'VK', desc: 'Verkoop', jrnTp: 'S', transactions: SALES }],
      },
    });
    const { summary } = await writeToString(input);
    expect(summary.transactions).toBe(SALES.length);
  });
});
