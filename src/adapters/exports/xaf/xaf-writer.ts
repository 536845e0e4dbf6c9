import { type TextOutput, type TextSink, textSink } from './text-sink.js';
import { XafConsistencyChecker } from './xaf-consistency.js';
import { XafConsistencyError } from './xaf-errors.js';
import {
  companyStartXml,
  customerSupplierXml,
  headerXml,
  ledgerAccountXml,
  openingBalanceXml,
  periodXml,
  vatCodeXml,
} from './xaf-master-data-xml.js';
import type { XafInput, XafTransactions } from './xaf-model.js';
import { journalEndXml, journalStartXml, transactionXml } from './xaf-transaction-xml.js';
import { xafAmount, xafCount } from './xaf-values.js';

export const XAF_NAMESPACE = 'http://www.auditfiles.nl/XAF/3.2';

export interface XafWriteSummary {
  readonly customers: number;
  readonly transactions: number;
  readonly linesCount: number;
}

/**
 * Streams an XAF 3.2 auditfile to `output`: master data first, then each journal's transactions as they come
 * from its iterable, one transaction in memory at a time. Element order is the XSD's
 * (auditfile → header, company → … customersSuppliers, generalLedger, vatCodes, periods, openingBalance,
 * transactions). References and totals are checked on the way (XafConsistencyChecker); the output is only
 * usable when the promise resolves:
 * - XafInputError: a value the XSD cannot carry; writing stops at that point.
 * - XafConsistencyError: the complete file was written but is inconsistent (unknown account, unbalanced
 *   transaction, declared totals that do not match) — discard it.
 * The stream is not ended, so the caller can write to stdout or pipe through gzip.
 */
export async function writeXaf(input: XafInput, output: TextOutput): Promise<XafWriteSummary> {
  const sink = textSink(output);
  const checker = new XafConsistencyChecker();
  checker.header(input.header);
  await sink.write(`<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="${XAF_NAMESPACE}">\n`);
  await sink.write(headerXml(input.header));
  await sink.write(companyStartXml(input.company));

  let customers = 0;
  for await (const customer of input.customers ?? []) {
    if (customers++ === 0) await sink.write('    <customersSuppliers>\n');
    checker.customer(customer);
    await sink.write(customerSupplierXml(customer));
  }
  if (customers > 0) await sink.write('    </customersSuppliers>\n');

  // generalLedger needs at least one ledgerAccount (minOccurs 1) when present.
  await section(sink, 'generalLedger', input.ledgerAccounts, (account) => {
    checker.ledgerAccount(account);
    return ledgerAccountXml(account);
  });
  await section(sink, 'vatCodes', input.vatCodes ?? [], (vatCode) => {
    checker.vatCode(vatCode);
    return vatCodeXml(vatCode);
  });
  await section(sink, 'periods', input.periods ?? [], (period) => {
    checker.period(period);
    return periodXml(period);
  });
  if (input.openingBalance !== undefined) {
    checker.openingBalance(input.openingBalance);
    await sink.write(openingBalanceXml(input.openingBalance));
  }

  const transactions =
    input.transactions === undefined ? 0 : await writeTransactions(sink, input.transactions, checker);
  await sink.write('  </company>\n</auditfile>\n');
  await sink.flush();

  const result = checker.finish(input.transactions);
  if (!result.ok) throw new XafConsistencyError(result.errors);
  return { customers, transactions, linesCount: input.transactions?.linesCount ?? 0 };
}

async function section<T>(sink: TextSink, name: string, items: readonly T[], render: (item: T) => string) {
  if (items.length === 0) return;
  await sink.write(`    <${name}>\n`);
  for (const item of items) await sink.write(render(item));
  await sink.write(`    </${name}>\n`);
}

async function writeTransactions(
  sink: TextSink,
  transactions: XafTransactions,
  checker: XafConsistencyChecker,
): Promise<number> {
  await sink.write(
    '    <transactions>\n' +
      `      <linesCount>${xafCount(transactions.linesCount, 10, 'transactions linesCount')}</linesCount>\n` +
      `      <totalDebit>${xafAmount(transactions.totalDebit, 'transactions totalDebit')}</totalDebit>\n` +
      `      <totalCredit>${xafAmount(transactions.totalCredit, 'transactions totalCredit')}</totalCredit>\n`,
  );
  let count = 0;
  for (const journal of transactions.journals) {
    checker.journal(journal.jrnID);
    await sink.write(journalStartXml(journal));
    for await (const transaction of journal.transactions) {
      checker.transaction(journal.jrnID, transaction);
      await sink.write(transactionXml(journal.jrnID, transaction));
      count++;
    }
    await sink.write(journalEndXml);
  }
  await sink.write('    </transactions>\n');
  return count;
}
