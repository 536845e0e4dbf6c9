import type { XafJournal, XafTransaction, XafTransactionLine } from './xaf-model.js';
import {
  DEBIT_CREDIT,
  xafAmount,
  xafCode,
  xafCount,
  xafCurrency,
  xafDate,
  xafIdentifier,
  xafPercentage,
  xafText,
} from './xaf-values.js';
import { XmlFragment } from './xml-fragment.js';

/**
 * Journals, transactions and their lines in the child order of the XSD (transactions/journal/transaction/
 * trLine). Depths: transactions 2 → journal 3 → transaction 4 → trLine 5.
 */

const JOURNAL_TYPES = ['B', 'C', 'G', 'M', 'O', 'P', 'S', 'T', 'Y', 'Z'] as const;

/** The journal's own fields; its transactions follow, then `</journal>`. */
export const journalStartXml = (journal: XafJournal): string =>
  new XmlFragment(3)
    .open('journal')
    .leaf('jrnID', xafIdentifier(journal.jrnID, 35, 'jrnID'))
    .leaf('desc', xafText(journal.desc))
    .optional('jrnTp', journal.jrnTp, (v) => xafCode(v, JOURNAL_TYPES, `journal ${journal.jrnID} jrnTp`))
    .optional('offsetAccID', journal.offsetAccID, (v) => xafIdentifier(v, 35, 'offsetAccID'))
    .optional('bankAccNr', journal.bankAccNr, (v) => xafIdentifier(v, 35, 'bankAccNr'))
    .toString();

export const journalEndXml = '    </journal>\n';

const lineXml = (fragment: XmlFragment, line: XafTransactionLine, what: string): void => {
  fragment
    .open('trLine')
    .leaf('nr', xafIdentifier(line.nr, 35, `${what} trLine nr`))
    .leaf('accID', xafIdentifier(line.accID, 35, `${what} accID`))
    .leaf('docRef', xafIdentifier(line.docRef, 999, `${what} docRef`))
    .leaf('effDate', xafDate(line.effDate, `${what} effDate`))
    .optional('desc', line.desc, (v) => xafText(v))
    .leaf('amnt', xafAmount(line.amnt, `${what} amnt`))
    .leaf('amntTp', xafCode(line.amntTp, DEBIT_CREDIT, `${what} amntTp`))
    .optional('matchKeyID', line.matchKeyID, (v) => xafIdentifier(v, 35, `${what} matchKeyID`))
    .optional('custSupID', line.custSupID, (v) => xafIdentifier(v, 35, `${what} custSupID`))
    .optional('invRef', line.invRef, (v) => xafIdentifier(v, 999, `${what} invRef`))
    .optional('orderRef', line.orderRef, (v) => xafIdentifier(v, 999, `${what} orderRef`));
  if (line.vat !== undefined) {
    fragment
      .open('vat')
      .leaf('vatID', xafIdentifier(line.vat.vatID, 35, `${what} vatID`))
      .leaf('vatPerc', xafPercentage(line.vat.vatPerc, `${what} vatPerc`))
      .leaf('vatAmnt', xafAmount(line.vat.vatAmnt, `${what} vatAmnt`))
      .leaf('vatAmntTp', xafCode(line.vat.vatAmntTp, DEBIT_CREDIT, `${what} vatAmntTp`))
      .close('vat');
  }
  if (line.currency !== undefined) {
    fragment
      .open('currency')
      .leaf('curCode', xafCurrency(line.currency.curCode, `${what} curCode`))
      .leaf('curAmnt', xafAmount(line.currency.curAmnt, `${what} curAmnt`))
      .close('currency');
  }
  fragment.close('trLine');
};

/** One transaction with all its lines: the unit the writer streams. */
export const transactionXml = (jrnID: string, transaction: XafTransaction): string => {
  const what = `journal ${jrnID} transaction ${transaction.nr}`;
  const fragment = new XmlFragment(4)
    .open('transaction')
    .leaf('nr', xafIdentifier(transaction.nr, 35, `journal ${jrnID} transaction nr`))
    .optional('desc', transaction.desc, (v) => xafText(v))
    .leaf('periodNumber', xafCount(transaction.periodNumber, 3, `${what} periodNumber`))
    .leaf('trDt', xafDate(transaction.trDt, `${what} trDt`))
    .optional('amnt', transaction.amnt, (v) => xafAmount(v, `${what} amnt`))
    .optional('amntTp', transaction.amntTp, (v) => xafCode(v, DEBIT_CREDIT, `${what} amntTp`))
    .optional('sourceID', transaction.sourceID, (v) => xafIdentifier(v, 35, `${what} sourceID`))
    .optional('userID', transaction.userID, (v) => xafIdentifier(v, 35, `${what} userID`));
  for (const line of transaction.lines) lineXml(fragment, line, `${what} line ${line.nr}`);
  return fragment.close('transaction').toString();
};
