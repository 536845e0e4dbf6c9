import { describe, expect, it } from 'vitest';
import { checkXafReferences } from '../../../../src/adapters/exports/xaf/xaf-check.js';
import { XafConsistencyError } from '../../../../src/adapters/exports/xaf/xaf-errors.js';
import type { XafInput, XafTransaction } from '../../../../src/adapters/exports/xaf/xaf-model.js';
import { writeXaf } from '../../../../src/adapters/exports/xaf/xaf-writer.js';
import { checkXafXmlReferences } from '../../../../src/adapters/exports/xaf/xaf-xml-check.js';
import { validateXafAgainstXsd } from '../../../../src/adapters/exports/xaf/xaf-xsd.js';
import { collect, SALES, sampleInput, totalsOf, transaction } from './sample-auditfile.js';

/** The sample with one extra sales transaction; the declared totals include it (so only `extra` is wrong). */
const withSale = (extra: XafTransaction, overrides: Partial<XafInput> = {}): XafInput =>
  sampleInput({
    transactions: {
      ...totalsOf([...SALES, extra]),
      journals: [{ jrnID: 'VK', desc: 'Verkoopboek', jrnTp: 'S', transactions: [...SALES, extra] }],
    },
    ...overrides,
  });

/** Writes the file (which completes) and returns it with the errors the writer threw at the end. */
const writeBroken = async (input: XafInput) => {
  const sink = collect();
  const error = await writeXaf(input, sink.output).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(XafConsistencyError);
  return { xml: sink.text(), errors: (error as XafConsistencyError).errors };
};

const sale = (lines: Parameters<typeof transaction>[3], trDt = '2026-04-01') =>
  transaction('F2026-0099', trDt, 'Factuur F2026-0099', lines);

describe('XAF consistency checks (what the XSD keyrefs cannot do)', () => {
  it('reports a line on an unknown ledger account — which the XSD itself lets through', async () => {
    const input = () =>
      withSale(
        sale([
          { accID: '1300', amnt: '10.00', amntTp: 'D', custSupID: 'C-0001' },
          { accID: '9999', amnt: '10.00', amntTp: 'C' },
        ]),
      );
    const expected = 'journal VK transaction F2026-0099 line 2: accID "9999" is not a ledger account';

    expect(await checkXafReferences(input())).toEqual({ ok: false, errors: [expected] });
    const { xml, errors } = await writeBroken(input());
    expect(errors).toEqual([expected]);
    // domain.md §4: the XSD's keyref ctTrLineAccIDRef never fires in an XSD 1.0 validator.
    expect((await validateXafAgainstXsd(xml)).valid).toBe(true);
    expect(checkXafXmlReferences(xml).errors).toEqual([expected]);
  });

  it('reports an unknown customer and an unknown VAT code', async () => {
    const result = await checkXafReferences(
      withSale(
        sale([
          { accID: '1300', amnt: '12.10', amntTp: 'D', custSupID: 'C-0404' },
          { accID: '8000', amnt: '10.00', amntTp: 'C' },
          {
            accID: '1610',
            amnt: '2.10',
            amntTp: 'C',
            vat: { vatID: 'H22', vatPerc: '21', vatAmnt: '2.10', vatAmntTp: 'C' },
          },
        ]),
      ),
    );

    expect(result.errors).toEqual([
      'journal VK transaction F2026-0099 line 1: custSupID "C-0404" is not a customer/supplier',
      'journal VK transaction F2026-0099 line 3: vatID "H22" is not a VAT code',
    ]);
  });

  it('reports an unbalanced transaction, and the unbalanced totals it causes', async () => {
    const { xml, errors } = await writeBroken(
      withSale(
        sale([
          { accID: '1300', amnt: '121.00', amntTp: 'D', custSupID: 'C-0001' },
          { accID: '8000', amnt: '100.00', amntTp: 'C' },
        ]),
      ),
    );

    expect(errors).toEqual([
      'journal VK transaction F2026-0099: debit 121.00 ≠ credit 100.00',
      'transactions: total debit 1802.00 ≠ total credit 1781.00',
    ]);
    expect(checkXafXmlReferences(xml).errors).toEqual(errors);
  });

  it('reports a period that does not exist and a booking date outside its period', async () => {
    const lines = [
      { accID: '1300', amnt: '10.00', amntTp: 'D' as const },
      { accID: '8000', amnt: '10.00', amntTp: 'C' as const },
    ];
    const noSuchPeriod = { ...sale(lines, '2026-04-01'), periodNumber: 13 };
    const wrongPeriod = { ...sale(lines, '2026-04-01'), nr: 'F2026-0100', periodNumber: 3 };
    const input = sampleInput({
      transactions: {
        ...totalsOf([noSuchPeriod, wrongPeriod]),
        journals: [{ jrnID: 'VK', desc: 'Verkoop', transactions: [noSuchPeriod, wrongPeriod] }],
      },
    });

    expect((await checkXafReferences(input)).errors).toEqual([
      'journal VK transaction F2026-0099: periodNumber 13 is not a period',
      'journal VK transaction F2026-0100: trDt 2026-04-01 is outside period 3 (2026-03-01 … 2026-03-31)',
    ]);
  });

  it('reports declared header totals that do not match the lines', async () => {
    const input = sampleInput({
      transactions: {
        linesCount: 3,
        totalDebit: '100.00',
        totalCredit: '100.00',
        journals: [{ jrnID: 'VK', desc: 'Verkoop', transactions: SALES.slice(0, 1) }],
      },
    });

    expect((await checkXafReferences(input)).errors).toEqual([
      'transactions: linesCount 3 declared, 5 lines found',
      'transactions: totalDebit 100.00 declared, lines total 175.50',
      'transactions: totalCredit 100.00 declared, lines total 175.50',
    ]);
  });

  it('reports duplicate keys, dangling VAT accounts and an unbalanced opening balance', async () => {
    const base = sampleInput();
    const result = await checkXafReferences({
      ...base,
      customers: [{ custSupID: 'C-0001' }, { custSupID: 'C-0001' }, { custSupID: 'C-0002' }],
      vatCodes: [...(base.vatCodes ?? []), { vatID: 'X0', vatDesc: 'x', vatToPayAccID: '1699' }],
      openingBalance: {
        opBalDate: '2026-01-01',
        lines: [
          { nr: '1', accID: '1100', amnt: '5000.00', amntTp: 'D' },
          { nr: '2', accID: '8000', amnt: '4000.00', amntTp: 'C' },
        ],
      },
      transactions: { ...totalsOf([]), journals: [] },
    });

    expect(result.errors).toEqual([
      'custSupID "C-0001" is defined twice',
      'vatCode X0: account "1699" is not a ledger account',
      'openingBalance obLine 2: accID "8000" is a profit-and-loss account',
      'openingBalance: debit 5000.00 ≠ credit 4000.00',
    ]);
  });

  it('reports negative amounts: lines carry a positive amount and a D/C indicator', async () => {
    const result = await checkXafReferences(
      withSale(
        sale([
          { accID: '1300', amnt: '10.00', amntTp: 'D' },
          { accID: '8000', amnt: '-10.00', amntTp: 'D' },
        ]),
      ),
    );
    expect(result.errors[0]).toBe(
      'journal VK transaction F2026-0099 line 2 amnt: -10.00 is negative; amounts are positive with a D/C indicator',
    );
  });

  it('caps the number of messages so a wholly broken export cannot exhaust memory', async () => {
    const broken = Array.from({ length: 500 }, (_, index) =>
      transaction(`F${index}`, '2026-05-05', 'x', [
        { accID: '9999', amnt: '1.00', amntTp: 'D' },
        { accID: '8000', amnt: '1.00', amntTp: 'C' },
      ]),
    );
    const result = await checkXafReferences(
      sampleInput({
        transactions: { ...totalsOf(broken), journals: [{ jrnID: 'VK', desc: 'x', transactions: broken }] },
      }),
    );
    expect(result.errors).toHaveLength(101);
    expect(result.errors.at(-1)).toBe('… and 400 more problem(s)');
  });
});
