import { create } from 'xmlbuilder2';
import type { XafCheckResult } from './xaf-consistency.js';
import { XafConsistencyChecker } from './xaf-consistency.js';
import type { XafDebitCredit, XafTransactionLine } from './xaf-model.js';
import { XAF_NAMESPACE } from './xaf-writer.js';

/** The slice of xmlbuilder2's DOM used here (declared locally: the project compiles without the DOM lib). */
interface Element {
  readonly nodeType: number;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly childNodes: Iterable<Element>;
}

/**
 * The same consistency checks on an existing auditfile (ours or another package's), e.g. after XSD
 * validation, which cannot apply the XSD's keyrefs (domain.md §4). Parses the whole document into a DOM, so
 * it is meant for files of moderate size; the writer checks its own output while streaming.
 */
export function checkXafXmlReferences(xml: string): XafCheckResult {
  const root = create(xml).root().node as unknown as Element;
  if (root.localName !== 'auditfile' || root.namespaceURI !== XAF_NAMESPACE) {
    return { ok: false, errors: [`root element is not {${XAF_NAMESPACE}}auditfile`] };
  }
  const checker = new XafConsistencyChecker();
  const header = child(root, 'header');
  checker.header({
    fiscalYear: text(header, 'fiscalYear'),
    startDate: text(header, 'startDate'),
    endDate: text(header, 'endDate'),
    curCode: 'EUR',
    dateCreated: text(header, 'dateCreated'),
  });
  const company = child(root, 'company');
  for (const customer of path(company, 'customersSuppliers', 'customerSupplier')) {
    checker.customer({ custSupID: text(customer, 'custSupID') });
  }
  for (const account of path(company, 'generalLedger', 'ledgerAccount')) {
    const accTp = text(account, 'accTp') === 'P' ? 'P' : 'B';
    checker.ledgerAccount({ accID: text(account, 'accID'), accDesc: '', accTp });
  }
  for (const vatCode of path(company, 'vatCodes', 'vatCode')) {
    checker.vatCode({
      vatID: text(vatCode, 'vatID'),
      vatDesc: '',
      vatToPayAccID: optionalText(vatCode, 'vatToPayAccID'),
      vatToClaimAccID: optionalText(vatCode, 'vatToClaimAccID'),
    });
  }
  for (const period of path(company, 'periods', 'period')) {
    checker.period({
      periodNumber: Number(text(period, 'periodNumber')),
      startDatePeriod: text(period, 'startDatePeriod'),
      endDatePeriod: text(period, 'endDatePeriod'),
    });
  }
  const openingBalance = children(company, 'openingBalance')[0];
  if (openingBalance !== undefined) {
    checker.openingBalance({
      opBalDate: text(openingBalance, 'opBalDate'),
      lines: children(openingBalance, 'obLine').map((line) => ({
        nr: text(line, 'nr'),
        accID: text(line, 'accID'),
        amnt: text(line, 'amnt'),
        amntTp: side(text(line, 'amntTp')),
      })),
    });
  }
  const transactions = children(company, 'transactions')[0];
  if (transactions === undefined) return checker.finish(undefined);
  for (const journal of children(transactions, 'journal')) {
    const jrnID = text(journal, 'jrnID');
    checker.journal(jrnID);
    for (const transaction of children(journal, 'transaction')) {
      checker.transaction(jrnID, {
        nr: text(transaction, 'nr'),
        periodNumber: Number(text(transaction, 'periodNumber')),
        trDt: text(transaction, 'trDt'),
        amnt: optionalText(transaction, 'amnt'),
        lines: children(transaction, 'trLine').map(trLine),
      });
    }
  }
  return checker.finish({
    linesCount: Number(text(transactions, 'linesCount')),
    totalDebit: text(transactions, 'totalDebit'),
    totalCredit: text(transactions, 'totalCredit'),
  });
}

const trLine = (line: Element): XafTransactionLine => {
  const vat = children(line, 'vat')[0];
  return {
    nr: text(line, 'nr'),
    accID: text(line, 'accID'),
    docRef: text(line, 'docRef'),
    effDate: text(line, 'effDate'),
    amnt: text(line, 'amnt'),
    amntTp: side(text(line, 'amntTp')),
    custSupID: optionalText(line, 'custSupID'),
    vat:
      vat === undefined
        ? undefined
        : {
            vatID: text(vat, 'vatID'),
            vatPerc: text(vat, 'vatPerc'),
            vatAmnt: text(vat, 'vatAmnt'),
            vatAmntTp: side(text(vat, 'vatAmntTp')),
          },
  };
};

// The XSD makes these D or C; anything else is XSD-invalid and counted on the credit side.
const side = (value: string): XafDebitCredit => (value === 'D' ? 'D' : 'C');

const ELEMENT_NODE = 1;

const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter((node) => node.nodeType === ELEMENT_NODE && node.localName === name);

const path = (parent: Element, wrapper: string, item: string): Element[] =>
  children(parent, wrapper).flatMap((element) => children(element, item));

const optionalText = (parent: Element, name: string): string | undefined =>
  children(parent, name)[0]?.textContent ?? undefined;

const text = (parent: Element, name: string): string => optionalText(parent, name) ?? '';

const child = (parent: Element, name: string): Element => {
  const found = children(parent, name)[0];
  if (found === undefined) throw new Error(`XAF: <${parent.localName}> has no <${name}>`);
  return found;
};
