import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { XafTransaction } from '../../../../src/adapters/exports/xaf/xaf-model.js';
import { writeXaf } from '../../../../src/adapters/exports/xaf/xaf-writer.js';
import { sampleInput } from './sample-auditfile.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const TRANSACTIONS = 20_000;

/** 20,000 invoices of 121.00 (100.00 + 21 % VAT), produced lazily like rows from a database cursor. */
async function* invoices(onProgress: (index: number) => void): AsyncGenerator<XafTransaction> {
  for (let index = 0; index < TRANSACTIONS; index++) {
    onProgress(index);
    const month = (index % 12) + 1;
    const trDt = `2026-${String(month).padStart(2, '0')}-15`;
    const nr = `F2026-${String(index + 1).padStart(6, '0')}`;
    const line = { docRef: nr, effDate: trDt };
    yield {
      nr,
      desc: `Factuur ${nr} — ${'webshop order '.repeat(5)}`,
      periodNumber: month,
      trDt,
      lines: [
        { ...line, nr: '1', accID: '1300', amnt: '121.00', amntTp: 'D', custSupID: 'C-0001', invRef: nr },
        { ...line, nr: '2', accID: '8000', amnt: '100.00', amntTp: 'C' },
        {
          ...line,
          nr: '3',
          accID: '1610',
          amnt: '21.00',
          amntTp: 'C',
          vat: { vatID: 'H21', vatPerc: '21', vatAmnt: '21.00', vatAmntTp: 'C' },
        },
      ],
    };
  }
}

describe('XAF writer streaming', () => {
  it('writes 20,000 transactions without the heap growing with them', async () => {
    const samples = new Map<number, number>();
    const hash = createHash('sha256');
    let bytes = 0;
    const input = sampleInput({
      transactions: {
        linesCount: TRANSACTIONS * 3,
        totalDebit: String(TRANSACTIONS * 121),
        totalCredit: String(TRANSACTIONS * 121),
        journals: [
          {
            jrnID: 'VK',
            desc: 'Verkoopboek',
            jrnTp: 'S',
            transactions: invoices((index) => {
              if (index === 1_000 || index === TRANSACTIONS - 1) samples.set(index, heapAfterGc());
            }),
          },
        ],
      },
    });

    const summary = await writeXaf(input, async (chunk) => {
      bytes += Buffer.byteLength(chunk);
      hash.update(chunk);
    });

    expect(summary).toMatchObject({ transactions: TRANSACTIONS, linesCount: TRANSACTIONS * 3 });
    // ~25 MB of XML went through; holding the transactions (or the text) would add tens of MB of heap.
    expect(bytes).toBeGreaterThan(20_000_000);
    const growth = samples.get(TRANSACTIONS - 1)! - samples.get(1_000)!;
    expect(growth).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});
